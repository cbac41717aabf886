-- Payout thresholds the creator sets (issue 12).
--
-- The rules the program ships (schema/data/thresholds.csv) are data in the
-- binary, with their source, date and confidence; a creator whose platform
-- shows another threshold (TikTok's is not published, Amazon's differs per
-- marketplace) keeps a rule here, which beats the shipped ones for the same
-- platform, program, currency and payment method ('any' for every method).
-- min_payout is in micro-units like every amount; schedule is in the
-- grammar of schema/data/README.md, or '' to keep the shipped rule's.
-- set_at is the day it was set.

CREATE TABLE threshold_overrides (
    platform       TEXT    NOT NULL,
    program        TEXT    NOT NULL,
    currency       TEXT    NOT NULL,
    payment_method TEXT    NOT NULL,
    min_payout     INTEGER NOT NULL,
    schedule       TEXT    NOT NULL,
    set_at         TEXT    NOT NULL,
    PRIMARY KEY (platform, program, currency, payment_method)
) STRICT;
