{#
    The integrity checks of this build, one row per company and check (vars
    integrity_linkage_checks and integrity_orphan_checks): numerator, denominator, rate, thresholds and status
    (macros/marts/integrity.sql). The linkage_rate and orphan_count tests on this model fail
    or warn on them; `leadhub integrity` prints them.
#}
with

{{ leadhub.integrity_check_ctes() }},

final as (
    select * from integrity_checks
)

select * from final
