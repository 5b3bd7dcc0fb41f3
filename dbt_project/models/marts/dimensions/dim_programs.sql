with programs as (
    select * from {{ ref('programs') }}
),

programme_labels as (
    select
        program,
        label_vi as program_label_vi,
        label_en as program_label_en
    from programs
    where project = 'all'
)

select
    programs.program,
    programs.project,
    programs.parent_project,
    case
        when programs.project = 'all' then 'program'
        when programs.parent_project = 'all' then 'project'
        else 'sub_project'
    end as project_level,
    programs.label_vi,
    programs.label_en,
    programme_labels.program_label_vi,
    programme_labels.program_label_en
from programs
left join programme_labels on programs.program = programme_labels.program
