"""One module per domain; the order is the priority when two rules could read the same number."""

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

DOMAIN_RULES = (
    ("capital", capital.extract),
    ("forest_environment_services", fes.extract),
    ("forestry", forestry.extract),
    ("animal_disease", disease.extract),
    ("livestock", livestock.extract),
    ("aquaculture", aquaculture.extract),
    ("hightech", hightech.extract),
    ("processing", processing.extract),
    ("crops", crops.extract),
    ("ocop", ocop.extract),
    ("cooperatives", cooperatives.extract),
    ("training", training.extract),
)
