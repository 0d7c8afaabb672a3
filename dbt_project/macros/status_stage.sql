{#
    Position of a fact status in its life cycle, used to break ties between reports of the
    same time deterministically (the later stage wins) and to order status histories.
    Company moves: considering < announced < completed < cancelled.
    Policy actions: considering < announced < in_force < lifted.
#}
{% macro status_stage(status_column) -%}
    case {{ status_column }}
        when 'considering' then 1
        when 'announced' then 2
        when 'completed' then 3
        when 'in_force' then 3
        when 'cancelled' then 4
        when 'lifted' then 4
    end
{%- endmacro %}
