-- Issue 24 (A5.5): a component is in use while ANY product's current SBOM lists it. Each import
-- replaces the list of the product it describes (its subject: metadata.component, or the name the
-- uploader gives), not the provider's whole register; a component two products share stays in use
-- until neither lists it.
create table platform_sbom_listing (
    provider_org_id  bigint        not null,
    subject          varchar(300)  not null,
    item_id          bigint        not null references platform_supply_item (id),
    import_id        bigint        not null,
    primary key (provider_org_id, subject, item_id)
);
create index platform_sbom_listing_item on platform_sbom_listing (item_id);
-- the lists as the register knew them: each SBOM component still in use, under the subject that listed it last
insert into platform_sbom_listing (provider_org_id, subject, item_id, import_id)
    select provider_org_id, coalesce(sbom_subject, ''), id, last_import_id from platform_supply_item
     where source = 'SBOM' and removed_at is null and last_import_id is not null;
-- Advisories accumulate: each upload adds its matches (the range or version list that matched is kept).
alter table platform_advisory_match add column matched_by varchar(1000);
