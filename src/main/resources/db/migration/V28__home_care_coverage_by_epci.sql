-- The home-care services covering some commune of each EPCI (issue 12). An emergency's candidates are the services
-- covering the family's commune and, shown as not covering it, those covering another commune of its EPCI: found
-- from home_care_coverage, that read every coverage row of the EPCI's communes (the Métropole du Grand Paris: 130
-- communes, 40,000 rows, 30 to 60 ms a page on national data) to keep 300 services. Kept by triggers, so that no
-- writer of home_care_coverage (the registry's entity, the demo, the national data script) can forget it.

create table home_care_epci_coverage (
    epci_code  varchar(9) not null,
    service_id bigint     not null references home_care_service (id) on delete cascade,
    -- How many of the EPCI's communes the service covers.
    communes   integer    not null check (communes > 0),
    primary key (epci_code, service_id)
);
create index home_care_epci_coverage_service_idx on home_care_epci_coverage (service_id);

-- The rows of these services, computed again from their coverage.
create function home_care_epci_coverage_rebuild(services bigint[]) returns void language sql as $$
    delete from home_care_epci_coverage where service_id = any (services);
    insert into home_care_epci_coverage (epci_code, service_id, communes)
    select c.epci_code, v.service_id, count(*)
    from home_care_coverage v
    join commune c on c.insee_code = v.commune_code
    where v.service_id = any (services) and c.epci_code is not null
    group by c.epci_code, v.service_id;
$$;

insert into home_care_epci_coverage (epci_code, service_id, communes)
select c.epci_code, v.service_id, count(*)
from home_care_coverage v
join commune c on c.insee_code = v.commune_code
where c.epci_code is not null
group by c.epci_code, v.service_id;

-- Once per statement, for the services it touched: a bulk insert rebuilds each service once. (PostgreSQL allows
-- transition tables on one event per trigger, hence one trigger per event.) Two writers of the same service's
-- coverage at once are kept apart by the service's version (optimistic locking in the registry).
create function home_care_coverage_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform home_care_epci_coverage_rebuild(array(select distinct service_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform home_care_epci_coverage_rebuild(array(select distinct service_id from old_rows));
    else
        perform home_care_epci_coverage_rebuild(array(select service_id from new_rows
                                                      union select service_id from old_rows));
    end if;
    return null;
end
$$;

create trigger home_care_coverage_inserted after insert on home_care_coverage
    referencing new table as new_rows for each statement execute function home_care_coverage_changed();
create trigger home_care_coverage_deleted after delete on home_care_coverage
    referencing old table as old_rows for each statement execute function home_care_coverage_changed();
create trigger home_care_coverage_updated after update on home_care_coverage
    referencing old table as old_rows new table as new_rows for each statement
    execute function home_care_coverage_changed();

-- A commune that moves to another EPCI (the territory reference data) moves the services covering it.
create function commune_epci_changed() returns trigger language plpgsql as $$
begin
    perform home_care_epci_coverage_rebuild(array(select service_id from home_care_coverage
                                                  where commune_code = new.insee_code));
    return null;
end
$$;

create trigger commune_epci_changed after update of epci_code on commune
    for each row when (old.epci_code is distinct from new.epci_code) execute function commune_epci_changed();
