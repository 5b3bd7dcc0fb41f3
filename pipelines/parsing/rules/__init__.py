"""One module per domain; the order is the priority when two rules could read the same number.

Each module's `UNITS` are the units of the numbers its rule reads (None: any unit); the engine
calls a rule only for a paragraph with a number in one of them.
"""

from pipelines.parsing.rules import (
    aquaculture,
    capital,
    cooperatives,
    crops,
    disease,
    fes,
    forestry,
    hightech,
    livestock,
    ocop,
    processing,
    training,
)

DOMAIN_RULES = tuple(
    (domain, module.extract, module.UNITS)
    for domain, module in (
        ("capital", capital),
        ("forest_environment_services", fes),
        ("forestry", forestry),
        ("animal_disease", disease),
        ("livestock", livestock),
        ("aquaculture", aquaculture),
        ("hightech", hightech),
        ("processing", processing),
        ("crops", crops),
        ("ocop", ocop),
        ("cooperatives", cooperatives),
        ("training", training),
    )
)
