-- French territory reference data (INSEE). Only the schema lives here: the rows are loaded, and refreshed,
-- by the repeatable Java migration db.migration.R__Territory_reference_data from
-- src/main/resources/reference/territory/*.csv. Repeatable migrations run after all versioned ones, so no
-- versioned migration may insert rows that reference these tables.

-- Region codes are not a table of their own: nothing needs more than the code yet.
-- 3 characters: overseas départements and collectivities (971, 987, ...) and their pseudo-regions (975, ...).
create table departement (
    code        varchar(3) primary key,
    name        text       not null,
    region_code varchar(3) not null
);

-- Établissements publics de coopération intercommunale à fiscalité propre; code = SIREN.
create table epci (
    code varchar(9)  primary key,
    name text        not null,
    kind varchar(10) not null -- CC, CA, CU, METRO, MET69 (Métropole de Lyon)
);

-- Search normalisation shared by the loader and by search queries, so that both sides agree:
-- lower case, no accents or ligatures, every run of non-alphanumerics (hyphen, apostrophe, parenthesis)
-- as one space. Written with translate() rather than the unaccent extension so that it needs no
-- extension, stays IMMUTABLE (usable in indexes) and does not depend on the database collation:
-- lower() only lower-cases ASCII under the C collation, hence accented capitals are translated first.
create function territory_search_name(value text) returns text
    language sql immutable strict parallel safe
return trim(regexp_replace(
        lower(translate(
                replace(replace(replace(replace(value, 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
                'àáâãäåçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸ',
                'aaaaaaceeeeiiiinoooooouuuuyyaaaaaaceeeeiiiinoooooouuuuyy')),
        '[^a-z0-9]+', ' ', 'g'));

create table commune (
    -- Not just 5 digits: département 20 became 2A/2B in 1976 (Corsican codes are alphanumeric), and the
    -- overseas codes start with the 3-digit département: 971-976, and the collectivities 975, 977, 978,
    -- 984 (TAAF), 986-989, which INSEE also codes.
    insee_code       varchar(5) primary key
        check (insee_code ~ '^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])\d{3}$'
            or insee_code ~ '^2[AB]\d{3}$'
            or insee_code ~ '^9[78]\d{3}$'),
    name             text       not null,
    -- territory_search_name(name), stored so that prefix search can use a plain btree index.
    search_name      text       not null,
    departement_code varchar(3) not null references departement (code),
    -- Null for the few communes outside any EPCI (single-commune islands, overseas collectivities).
    epci_code        varchar(9) references epci (code),
    -- Empty for the TAAF districts, which have none. A commune can have several, and a code several communes.
    postal_codes     varchar(5)[] not null,
    -- Null where INSEE publishes none (TAAF, Clipperton).
    population       integer
);
create index commune_departement_idx on commune (departement_code);
create index commune_epci_idx on commune (epci_code);
-- text_pattern_ops so that "search_name like 'prefix%'" uses the index whatever the database collation.
create index commune_search_name_idx on commune (search_name text_pattern_ops);
-- For "postal_codes @> array['91000']::varchar[]".
create index commune_postal_codes_idx on commune using gin (postal_codes);
