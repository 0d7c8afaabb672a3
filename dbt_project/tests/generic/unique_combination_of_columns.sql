{#
    Fails for every combination of the given columns that occurs on more than one row
    (nulls compare equal, as in group by).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

duplicated_combinations as (

    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as n_rows

    from {{ model }}
    group by all
    having count(*) > 1

)

select * from duplicated_combinations

{% endtest %}
