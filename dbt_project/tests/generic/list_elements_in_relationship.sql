{#
    The list-column version of `relationships`: fails for every element of a list column
    (varchar[]) that has no match in `field` of `to`. Null lists and null elements are ignored.
#}
{% test list_elements_in_relationship(model, column_name, to, field) %}

with

list_elements as (

    select unnest({{ column_name }}) as element
    from {{ model }}
    where {{ column_name }} is not null

),

parent_values as (

    select {{ field }} as parent_value
    from {{ to }}

),

orphan_elements as (

    select list_elements.element
    from list_elements
    left join parent_values
        on list_elements.element = parent_values.parent_value
    where
        list_elements.element is not null
        and parent_values.parent_value is null

)

select * from orphan_elements

{% endtest %}
