-- Standard processes (seed 000): processes with versioned steps and RACI by position, adoption per company, customers
-- placed on a version and their progress step by step (issue 15, part D).

CREATE TABLE standard_process (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
    -- The one process adoption per company is measured against (at most one per org: the index below).
    is_org_standard boolean NOT NULL DEFAULT false,
    archived_at timestamptz,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES member (org_id, id),
    -- An archived process cannot be what companies are measured against.
    CHECK (NOT (is_org_standard AND archived_at IS NOT NULL))
);
CREATE UNIQUE INDEX standard_process_org_standard_idx ON standard_process (org_id) WHERE is_org_standard;
-- Two live processes of one name could not be told apart in a report.
CREATE UNIQUE INDEX standard_process_name_idx ON standard_process (org_id, lower(btrim(name))) WHERE archived_at IS NULL;

CREATE TABLE process_version (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    process_id uuid NOT NULL,
    number integer NOT NULL CHECK (number BETWEEN 1 AND 10000),
    -- [ProcessStep] as JSON: read and written whole, with the version.
    steps jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) <= 50),
    notes text CHECK (length(notes) <= 2000),
    published_at timestamptz,
    published_by uuid,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, process_id, number),
    -- Lets adoptions and placements name (process, version) together, so a version of another process cannot be
    -- recorded under this one.
    UNIQUE (org_id, process_id, id),
    FOREIGN KEY (org_id, process_id) REFERENCES standard_process (org_id, id),
    FOREIGN KEY (org_id, published_by) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES member (org_id, id),
    CHECK (published_at IS NULL OR jsonb_array_length(steps) >= 1)
);
-- One draft at a time: a second would fork the history that numbers promise is a line.
CREATE UNIQUE INDEX process_version_draft_idx ON process_version (org_id, process_id) WHERE published_at IS NULL;

-- A published version is what companies adopted and what health was compared by: no statement may change or remove
-- it, whatever the application does.
CREATE FUNCTION banso_process_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'process version % is published and immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER process_version_frozen BEFORE UPDATE OR DELETE ON process_version
    FOR EACH ROW EXECUTE FUNCTION banso_process_version_frozen();

-- A company's adoptions, kept as history: the current one is the latest adopted_on (then the latest made).
CREATE TABLE process_adoption (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    process_id uuid NOT NULL,
    version_id uuid NOT NULL,
    adopted_on date NOT NULL,
    adopted_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, process_id, version_id) REFERENCES process_version (org_id, process_id, id),
    FOREIGN KEY (org_id, adopted_by) REFERENCES member (org_id, id)
);
CREATE INDEX process_adoption_company_idx ON process_adoption (org_id, company_id, adopted_on, id);
CREATE INDEX process_adoption_process_idx ON process_adoption (org_id, process_id);

-- A customer placed on a version; a new placement ends the current one (ended_on), which stays as history.
CREATE TABLE customer_process (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    process_id uuid NOT NULL,
    version_id uuid NOT NULL,
    placed_on date NOT NULL,
    placed_by uuid,
    ended_on date,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, process_id, version_id) REFERENCES process_version (org_id, process_id, id),
    FOREIGN KEY (org_id, placed_by) REFERENCES member (org_id, id),
    CHECK (ended_on IS NULL OR ended_on >= placed_on)
);
CREATE UNIQUE INDEX customer_process_current_idx ON customer_process (org_id, customer_id) WHERE ended_on IS NULL;
CREATE INDEX customer_process_customer_idx ON customer_process (org_id, customer_id, placed_on, id);
-- Lead times read every placement of a version; stalls and archiving read the current ones of a process.
CREATE INDEX customer_process_version_idx ON customer_process (org_id, version_id);
CREATE INDEX customer_process_current_process_idx ON customer_process (org_id, process_id) WHERE ended_on IS NULL;

-- One completed step of a placement; `position` is the step's place in the version, so completions read in order.
CREATE TABLE customer_process_step (
    org_id uuid NOT NULL,
    customer_process_id uuid NOT NULL,
    step_id uuid NOT NULL,
    position integer NOT NULL CHECK (position BETWEEN 0 AND 49),
    completed_on date NOT NULL,
    completed_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, customer_process_id, step_id),
    UNIQUE (org_id, customer_process_id, position),
    FOREIGN KEY (org_id, customer_process_id) REFERENCES customer_process (org_id, id),
    FOREIGN KEY (org_id, completed_by) REFERENCES member (org_id, id)
);

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['standard_process', 'process_version', 'process_adoption',
    'customer_process', 'customer_process_step']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON standard_process, process_version, customer_process TO banso_app;
GRANT SELECT, INSERT ON process_adoption, customer_process_step TO banso_app;
