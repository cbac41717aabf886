-- Sponsorship invoices (issue 15): what an invoice says beyond its entry.
-- The entry is the invoice (platform sponsorship, program the deliverable's
-- platform, external_id the invoice number, counterparty the brand, amount
-- excluding VAT, description the invoice's own text); this table holds the
-- rest, one row per version of the entry: import_id is the import that
-- wrote that version (entries.import_id for the current one,
-- entry_history.import_id for an earlier one), so that an undo that puts an
-- earlier version back puts its facts back too. A sponsorship entry without
-- a row (entered by hand in the native CSV) is an invoice without them.
--
-- due_day, paid_day: YYYYMMDD, NULL when not stated.
-- vat_rate: the percentage in micro-units (21% = 21000000); NULL when the
--           invoice states none (VAT not charged).
-- vat: the VAT amount in micro-units of the entry's currency.
-- disclosure: how the sponsored content was marked; '' when it was not.
-- urls: the deliverables' addresses, separated by spaces.
-- corrects: for a credit note, the number of the invoice it corrects.
-- customer_country: ISO 3166 alpha-2 code of the brand's country; ''
--           when the invoice does not say.
CREATE TABLE invoices (
    entry_id         INTEGER NOT NULL,
    import_id        INTEGER NOT NULL,
    due_day          INTEGER,
    paid_day         INTEGER,
    vat_rate         INTEGER,
    vat              INTEGER NOT NULL,
    disclosure       TEXT    NOT NULL,
    urls             TEXT    NOT NULL,
    corrects         TEXT    NOT NULL,
    customer_country TEXT    NOT NULL,
    PRIMARY KEY (entry_id, import_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX invoices_import ON invoices (import_id);
