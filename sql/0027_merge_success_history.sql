-- Merging two records of one customer moves the duplicate's success history to the survivor (CustomerMerge). The
-- history stays append-only in what it says — who judged which measure how, and when — and only its customer may
-- change, the way a timeline entry follows its customer.
GRANT UPDATE (customer_id) ON customer_measure_assessment TO banso_app;
