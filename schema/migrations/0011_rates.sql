-- ECB euro reference rates (issue 14).
--
-- One row per currency and TARGET business day: one euro buys rate
-- micro-units (1e-6) of the currency; ECB rates have at most five decimals.
-- Days without a row (weekends, holidays) take the latest earlier rate, up
-- to seven days back (ledger/rates.go); EUR itself has no rows.

CREATE TABLE rates (
    currency TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    rate     INTEGER NOT NULL,
    PRIMARY KEY (currency, day)
) STRICT, WITHOUT ROWID;
