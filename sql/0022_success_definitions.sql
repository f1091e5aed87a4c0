-- Success definitions (seed 003: light and deep success) per org or company, each customer's status on every
-- measure with its history, and the days each customer reached (and lost) a tier (issue 15).

CREATE TABLE success_definition (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    tier text NOT NULL CHECK (tier IN ('light', 'deep')),
    -- NULL: the org's definition; a company's own replaces it for that company's customers.
    company_id uuid,
    definition text NOT NULL CHECK (length(btrim(definition)) BETWEEN 1 AND 2000),
    audience text NOT NULL CHECK (length(btrim(audience)) BETWEEN 1 AND 500),
    aims jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(aims) = 'array'),
    -- [SuccessMeasure]: read and written whole with the definition; a measure's id is what statuses refer to.
    measures jsonb NOT NULL CHECK (jsonb_typeof(measures) = 'array' AND jsonb_array_length(measures) BETWEEN 1 AND 50),
    responsible_team_id uuid,
    method text NOT NULL DEFAULT '' CHECK (length(method) <= 2000),
    archived_at timestamptz,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, responsible_team_id) REFERENCES team (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES member (org_id, id)
);
-- One live definition per tier and scope: two would leave "which one applies" to chance.
CREATE UNIQUE INDEX success_definition_live_idx
    ON success_definition (org_id, tier, coalesce(company_id, '00000000-0000-0000-0000-000000000000'))
    WHERE archived_at IS NULL;
CREATE INDEX success_definition_list_idx ON success_definition (org_id, tier, id);

-- Where a customer stands on one measure now. Manual and program judgements live here; metric-bound measures are
-- judged from the latest usage figures when read, and land here (source 'metric') when a change is recorded.
CREATE TABLE customer_measure_status (
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    definition_id uuid NOT NULL,
    measure_id uuid NOT NULL,
    state text NOT NULL CHECK (state IN ('met', 'not_met', 'unknown')),
    evidence text CHECK (length(evidence) <= 2000),
    assessed_on date NOT NULL,
    assessed_by uuid,
    source text NOT NULL CHECK (source IN ('manual', 'metric', 'program')),
    -- The enrolment whose result judged it (source 'program').
    source_id uuid,
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, customer_id, definition_id, measure_id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, definition_id) REFERENCES success_definition (org_id, id),
    FOREIGN KEY (org_id, assessed_by) REFERENCES member (org_id, id),
    CHECK (state <> 'met' OR evidence IS NOT NULL)
);
CREATE INDEX customer_measure_status_definition_idx ON customer_measure_status (org_id, definition_id);

-- Every judgement ever made, so "when did it change, and who said so" has an answer.
CREATE TABLE customer_measure_assessment (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    definition_id uuid NOT NULL,
    measure_id uuid NOT NULL,
    state text NOT NULL CHECK (state IN ('met', 'not_met', 'unknown')),
    evidence text CHECK (length(evidence) <= 2000),
    assessed_on date NOT NULL,
    assessed_by uuid,
    source text NOT NULL CHECK (source IN ('manual', 'metric', 'program')),
    source_id uuid,
    recorded_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, definition_id) REFERENCES success_definition (org_id, id),
    FOREIGN KEY (org_id, assessed_by) REFERENCES member (org_id, id)
);
CREATE INDEX customer_measure_assessment_customer_idx
    ON customer_measure_assessment (org_id, customer_id, definition_id, measure_id, recorded_at DESC);

-- The periods a customer stood at a tier: opened when its definition's required measures were all met, closed
-- (lost_on) when one fell back. The report counts days from contract start to reached_on.
CREATE TABLE customer_success_reached (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    tier text NOT NULL CHECK (tier IN ('light', 'deep')),
    definition_id uuid NOT NULL,
    reached_on date NOT NULL,
    lost_on date,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, definition_id) REFERENCES success_definition (org_id, id),
    CHECK (lost_on IS NULL OR lost_on >= reached_on)
);
CREATE UNIQUE INDEX customer_success_reached_open_idx ON customer_success_reached (org_id, customer_id, tier) WHERE lost_on IS NULL;
CREATE INDEX customer_success_reached_customer_idx ON customer_success_reached (org_id, customer_id, reached_on DESC);

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['success_definition', 'customer_measure_status',
    'customer_measure_assessment', 'customer_success_reached']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON success_definition, customer_measure_status, customer_success_reached TO banso_app;
GRANT SELECT, INSERT ON customer_measure_assessment TO banso_app;
