--liquibase formatted sql

--changeset parley:026-tenant-domains
-- Custom host names of a tenant (chat.acme.example): a request to one belongs to that tenant, as does one to a
-- subdomain of TENANT_BASE_DOMAIN named by its slug (docs/tenancy.md). Kept lower-case, without a port.
CREATE TABLE tenant_domains (
  domain     text PRIMARY KEY CHECK (domain = lower(domain) AND domain !~ '[/:\s]'),
  tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_domains_tenant ON tenant_domains (tenant_id);
