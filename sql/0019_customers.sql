-- Customers (issue 13, DESIGN §2): accounts with owners and lifecycle phases, contacts, custom fields, contracts
-- and monthly revenue, usage figures, NPS responses, support tickets and problem records, the timeline, versioned
-- health models with every score's contributions, renewal alerts, CSV imports and saved list views. Every table is
-- tenant-scoped with row-level security (banso_protect_tenant_table, 0004) and keeps org_id first in its keys.

-- Typed custom fields an org adds to its customers; values live in customer.custom under the field's key.
CREATE TABLE customer_field (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_ja text NOT NULL CHECK (length(btrim(label_ja)) BETWEEN 1 AND 100),
    label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 100),
    type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
    choices text[] NOT NULL DEFAULT '{}',
    position integer NOT NULL DEFAULT 0,
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, key),
    CHECK ((type = 'choice') = (cardinality(choices) > 0))
);

CREATE TABLE customer (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    -- The key an import upserts by (a CRM's account id).
    external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    name_en text CHECK (length(name_en) <= 200),
    -- The reading (フリガナ), normalised to full-width katakana by the domain, so that ORDER BY sort_key is the
    -- 五十音 order Japanese business software sorts by; the name itself when there is no reading.
    name_kana text CHECK (length(name_kana) <= 200),
    sort_key text NOT NULL,
    company_id uuid NOT NULL,
    team_id uuid,
    owner_id uuid,
    sales_owner_id uuid,
    segment text CHECK (length(segment) <= 100),
    phase text NOT NULL DEFAULT 'onboarding' CHECK (phase IN ('onboarding', 'outcome', 'embedded', 'renewal', 'churned')),
    phase_since date NOT NULL,
    -- Seed 002's churn causes of the phase that are seen at this customer (codes of LifecycleRisk).
    risk_reasons text[] NOT NULL DEFAULT '{}',
    churn_reason text CHECK (length(churn_reason) <= 2000),
    custom jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom) = 'object'),
    tags text[] NOT NULL DEFAULT '{}',
    -- The latest health score, kept on the row so that the list filters and sorts by grade without a join.
    health_grade text CHECK (health_grade IN ('A', 'B', 'C', 'D')),
    health_total double precision,
    health_scored_at timestamptz,
    last_touch_at timestamptz,
    archived_at timestamptz,
    merged_into uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    -- What the list's `q` searches: name, English name and reading folded as CustomerSearch folds the query (NFKC,
    -- hiragana to katakana, lower case), so あさひ, ｱｻﾋ and アサヒ find one another whoever wrote the row.
    search_text text GENERATED ALWAYS AS (lower(translate(normalize(
        name || ' ' || coalesce(name_en, '') || ' ' || coalesce(name_kana, '') || ' ' || sort_key, NFKC),
        'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ',
        'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ'))) STORED,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, external_id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, sales_owner_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, merged_into) REFERENCES customer (org_id, id),
    CHECK (merged_into IS DISTINCT FROM id),
    CHECK (phase = 'churned' OR churn_reason IS NULL)
);
CREATE INDEX customer_sort_idx ON customer (org_id, sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX customer_company_grade_idx ON customer (org_id, company_id, health_grade, sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX customer_team_idx ON customer (org_id, team_id) WHERE archived_at IS NULL;
CREATE INDEX customer_owner_idx ON customer (org_id, owner_id) WHERE archived_at IS NULL;
CREATE INDEX customer_sales_owner_idx ON customer (org_id, sales_owner_id) WHERE sales_owner_id IS NOT NULL;
CREATE INDEX customer_tags_idx ON customer USING gin (tags);
-- The duplicates merged into a customer (a merge re-points them at the survivor).
CREATE INDEX customer_merged_into_idx ON customer (org_id, merged_into) WHERE merged_into IS NOT NULL;

-- Who owned a customer when: GRR/NRR per CSM attribute a customer to its owner at the window's start.
CREATE TABLE customer_owner_history (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    owner_id uuid,
    from_date date NOT NULL,
    to_date date,
    changed_by uuid,
    transfer_id uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES member (org_id, id),
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX customer_owner_history_customer_idx ON customer_owner_history (org_id, customer_id, from_date);
CREATE INDEX customer_owner_history_owner_idx ON customer_owner_history (org_id, owner_id, from_date);

-- Every lifecycle phase a customer went through, with the risks seen and why it churned.
CREATE TABLE customer_phase_history (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    phase text NOT NULL CHECK (phase IN ('onboarding', 'outcome', 'embedded', 'renewal', 'churned')),
    from_date date NOT NULL,
    to_date date,
    risk_reasons text[] NOT NULL DEFAULT '{}',
    churn_reason text,
    changed_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id)
);
CREATE INDEX customer_phase_history_customer_idx ON customer_phase_history (org_id, customer_id, from_date);

CREATE TABLE contact (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    name text NOT NULL CHECK (length(name) <= 200),
    email text CHECK (length(email) <= 320),
    phone text CHECK (length(phone) <= 50),
    role text CHECK (length(role) <= 200),
    decision_maker boolean NOT NULL DEFAULT false,
    -- Erased on request (個人情報保護法): the personal fields are blanked, the row stays so history keeps its shape.
    erased_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, external_id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    CHECK (erased_at IS NULL OR (email IS NULL AND phone IS NULL))
);
CREATE INDEX contact_customer_idx ON contact (org_id, customer_id);

CREATE TABLE contract (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    name text CHECK (length(name) <= 200),
    arr_minor bigint NOT NULL CHECK (arr_minor >= 0),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    start_date date NOT NULL,
    end_date date NOT NULL,
    auto_renews boolean NOT NULL DEFAULT false,
    -- The cancellation notice: so many days or so many months before the end date (解約予告期限).
    notice_days integer CHECK (notice_days BETWEEN 0 AND 730),
    notice_months integer CHECK (notice_months BETWEEN 0 AND 24),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'renewed', 'cancelled', 'expired')),
    -- What the renewal came to, when someone recorded it (else the back-test derives it from the contracts).
    renewal_outcome text CHECK (renewal_outcome IN ('churned', 'contracted', 'renewed', 'expanded')),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, external_id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    CHECK (end_date >= start_date),
    CHECK (notice_days IS NULL OR notice_months IS NULL)
);
CREATE INDEX contract_customer_idx ON contract (org_id, customer_id, start_date);
CREATE INDEX contract_end_idx ON contract (org_id, end_date) WHERE status = 'active';

-- A month's revenue of a customer as a CRM or billing system reported it; it wins over the contracts' for that month.
CREATE TABLE revenue_snapshot (
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    source text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'api')),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, customer_id, month, currency),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id)
);
CREATE INDEX revenue_snapshot_month_idx ON revenue_snapshot (org_id, month);

-- Imported product usage (active users, logins, …) per customer and day, for the health signals.
CREATE TABLE usage_metric (
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    metric text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_]{0,39}$'),
    day date NOT NULL,
    value double precision NOT NULL,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, customer_id, metric, day),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id)
);

CREATE TABLE nps_response (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    contact_id uuid,
    external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment text CHECK (length(comment) <= 5000),
    respondent text CHECK (length(respondent) <= 200),
    responded_on date NOT NULL,
    channel text NOT NULL DEFAULT 'other' CHECK (channel IN ('email', 'in_app', 'survey', 'meeting', 'phone', 'other')),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, external_id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id)
);
CREATE INDEX nps_response_customer_idx ON nps_response (org_id, customer_id, responded_on DESC);
CREATE INDEX nps_response_day_idx ON nps_response (org_id, responded_on);

-- Seed 004's structured problem solving (8D): recurring tickets grouped, contained, explained and prevented.
CREATE TABLE problem_record (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description text CHECK (length(description) <= 10000),
    containment text CHECK (length(containment) <= 10000),
    root_cause text CHECK (length(root_cause) <= 10000),
    corrective_action text CHECK (length(corrective_action) <= 10000),
    preventive_action text CHECK (length(preventive_action) <= 10000),
    owner_id uuid,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contained', 'corrected', 'closed')),
    company_id uuid,
    created_by uuid,
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX problem_record_status_idx ON problem_record (org_id, status, id);

CREATE TABLE ticket (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    source text NOT NULL DEFAULT 'banso' CHECK (source ~ '^[a-z][a-z0-9_]{0,39}$'),
    external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    product text CHECK (length(product) <= 100),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
    opened_at timestamptz NOT NULL,
    first_response_at timestamptz,
    resolved_at timestamptz,
    reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
    csat smallint CHECK (csat BETWEEN 1 AND 5),
    -- The customer's lifecycle phase when the ticket opened: what goes wrong in onboarding feeds the program.
    phase_at_open text NOT NULL CHECK (phase_at_open IN ('onboarding', 'outcome', 'embedded', 'renewal', 'churned')),
    expansion_signal boolean NOT NULL DEFAULT false,
    expansion_note text CHECK (length(expansion_note) <= 2000),
    handoff_id uuid,
    problem_id uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, source, external_id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, handoff_id) REFERENCES accountability (org_id, id),
    FOREIGN KEY (org_id, problem_id) REFERENCES problem_record (org_id, id),
    CHECK (first_response_at IS NULL OR first_response_at >= opened_at),
    CHECK (resolved_at IS NULL OR resolved_at >= opened_at)
);
CREATE INDEX ticket_customer_idx ON ticket (org_id, customer_id, opened_at DESC, id DESC);
CREATE INDEX ticket_open_idx ON ticket (org_id, customer_id, priority) WHERE status IN ('open', 'pending');
-- The ticket list (newest first) and the metrics' window both read by opened_at.
CREATE INDEX ticket_opened_idx ON ticket (org_id, opened_at DESC, id DESC);
-- The backlog at a report's end: tickets still unresolved, or resolved after it.
CREATE INDEX ticket_resolved_idx ON ticket (org_id, resolved_at);
CREATE INDEX ticket_expansion_idx ON ticket (org_id, opened_at DESC) WHERE expansion_signal;
CREATE INDEX ticket_problem_idx ON ticket (org_id, problem_id) WHERE problem_id IS NOT NULL;

-- Customers a problem touches beyond those of its tickets.
CREATE TABLE problem_customer (
    org_id uuid NOT NULL,
    problem_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    added_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, problem_id, customer_id),
    FOREIGN KEY (org_id, problem_id) REFERENCES problem_record (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id)
);
CREATE INDEX problem_customer_customer_idx ON problem_customer (org_id, customer_id);

CREATE TABLE timeline_entry (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'note', 'pair_support', 'presentation',
        'ticket_event', 'phase_change', 'health_change', 'nps', 'renewal', 'owner_change')),
    success_tag text CHECK (success_tag IN ('light', 'deep')),
    author_id uuid,
    occurred_at timestamptz NOT NULL,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    body text CHECK (length(body) <= 20000),
    subject_type text,
    subject_id uuid,
    -- Every one- and two-character gram of the normalised title and body (SearchGrams): a GIN index over them
    -- finds 解約 in Japanese text, which trigram indexes cannot serve for a two-character query.
    search_grams text[] NOT NULL DEFAULT '{}',
    -- The same text normalised (SearchGrams.normalise): the grams narrow the rows, strpos on this confirms them.
    search_text text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, author_id) REFERENCES member (org_id, id)
);
CREATE INDEX timeline_entry_customer_idx ON timeline_entry (org_id, customer_id, occurred_at DESC, id DESC);
CREATE INDEX timeline_entry_grams_idx ON timeline_entry USING gin (search_grams);
CREATE INDEX timeline_entry_recent_idx ON timeline_entry (org_id, occurred_at DESC, id DESC);

-- A health model version: its signals, weights, normalisations and grade thresholds (HealthModel). Changing the
-- weights makes a new version; scores keep the version they were computed with.
CREATE TABLE health_model (
    org_id uuid NOT NULL REFERENCES org (id),
    version integer NOT NULL CHECK (version >= 1),
    definition jsonb NOT NULL,
    note text CHECK (length(note) <= 2000),
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, version)
);

CREATE TABLE health_score (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    model_version integer NOT NULL,
    -- The month the score stands for (the monthly run's month, or the month of an on-demand score).
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    scored_at timestamptz NOT NULL,
    total double precision NOT NULL,
    grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    -- Every signal's raw value, normalised value, weight and contribution (HealthContribution).
    contributions jsonb NOT NULL,
    source text NOT NULL DEFAULT 'schedule' CHECK (source IN ('schedule', 'on_demand', 'import')),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, model_version) REFERENCES health_model (org_id, version)
);
CREATE INDEX health_score_customer_idx ON health_score (org_id, customer_id, scored_at DESC);
CREATE INDEX health_score_month_idx ON health_score (org_id, month);

-- One row per renewal alert sent, so a rerun of the day (or a second worker) never sends it twice.
CREATE TABLE renewal_alert (
    org_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    deadline date NOT NULL,
    days_before integer NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, contract_id, deadline, days_before),
    FOREIGN KEY (org_id, contract_id) REFERENCES contract (org_id, id)
);

-- A CSV file uploaded for import, stored in chunks so that a worker on any host can read it, and what its
-- processing found: progress, every bad row (line, column, reason), the result.
CREATE TABLE import_file (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('customers', 'contacts', 'contracts', 'revenue', 'usage', 'nps', 'tickets')),
    filename text NOT NULL CHECK (length(filename) <= 300),
    encoding text NOT NULL DEFAULT 'auto' CHECK (encoding IN ('auto', 'utf8', 'cp932')),
    dry_run boolean NOT NULL DEFAULT false,
    size_bytes bigint NOT NULL DEFAULT 0,
    uploaded_by uuid NOT NULL,
    state text NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'queued', 'running', 'succeeded', 'failed')),
    rows_total integer,
    rows_done integer NOT NULL DEFAULT 0,
    inserted integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    problems jsonb NOT NULL DEFAULT '[]',
    problem_count integer NOT NULL DEFAULT 0,
    failure text,
    job_id uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    started_at timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, uploaded_by) REFERENCES member (org_id, id)
);

CREATE TABLE import_chunk (
    org_id uuid NOT NULL,
    import_id uuid NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (org_id, import_id, seq),
    FOREIGN KEY (org_id, import_id) REFERENCES import_file (org_id, id) ON DELETE CASCADE
);

-- A member's named filters of a list page ("my C and D customers renewing this quarter").
CREATE TABLE saved_view (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    page text NOT NULL CHECK (page IN ('customers')),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    query text NOT NULL CHECK (length(query) <= 2000),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, member_id, page, name),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);

-- A KPI bound to a computed metric fills its actual value in each check-in period by itself.
ALTER TABLE goal ADD COLUMN bound_metric text CHECK (bound_metric IN ('grr', 'nrr', 'nps', 'health_ab_share'));
-- A transfer moves customers too; the record says which.
ALTER TABLE work_transfer ADD COLUMN customer_ids uuid[] NOT NULL DEFAULT '{}';

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['customer_field', 'customer', 'customer_owner_history',
    'customer_phase_history', 'contact', 'contract', 'revenue_snapshot', 'usage_metric', 'nps_response', 'problem_record',
    'ticket', 'problem_customer', 'timeline_entry', 'health_model', 'health_score', 'renewal_alert', 'import_file',
    'import_chunk', 'saved_view']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON customer_field, customer, customer_owner_history, customer_phase_history, contact,
    contract, revenue_snapshot, usage_metric, nps_response, problem_record, ticket, problem_customer, timeline_entry,
    health_model, health_score, renewal_alert, import_file, import_chunk, saved_view TO banso_app;
GRANT DELETE ON revenue_snapshot, usage_metric, problem_customer, import_chunk, saved_view, nps_response, ticket,
    timeline_entry TO banso_app;
