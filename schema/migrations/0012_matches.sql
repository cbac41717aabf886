-- Reconciliation (issue 14): which entry settles which.
--
-- kind 1: a bank deposit is the arrival of a platform payout. target_id is
--         the payout entry, or 0 when no payout was imported and the
--         deposit stands for it (it then lowers the platform balance).
-- kind 2: a payment (on PayPal, Stripe, the bank...) settles a sponsorship
--         invoice; a payment that is income is then not counted again.
-- origin 1: found by the reconciliation (rebuilt on every run);
--        2: made by the user (payouts match), kept;
--        3: refused by the user (payouts unmatch): never proposed again.
-- platform/program: the balance a deposit settles (sponsorship and the
-- deliverable's platform for an invoice). amount/currency: what the match
-- settles, in micro-units of the target's currency (the payout's or the
-- invoice's). why explains the match in words.
CREATE TABLE matches (
    id        INTEGER PRIMARY KEY,
    kind      INTEGER NOT NULL,
    entry_id  INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    platform  TEXT    NOT NULL,
    program   TEXT    NOT NULL,
    amount    INTEGER NOT NULL,
    currency  TEXT    NOT NULL,
    origin    INTEGER NOT NULL,
    why       TEXT    NOT NULL,
    made_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX matches_entry ON matches (entry_id);
CREATE INDEX matches_target ON matches (target_id);

-- The first and last balance a statement states (bank statements and
-- PayPal activity with a balance column): the balance before its first
-- movement and after its last, per account and currency. payouts reconcile
-- compares one statement's closing with the next one's opening.
CREATE TABLE statement_balances (
    import_id INTEGER NOT NULL,
    platform  TEXT    NOT NULL,
    account   TEXT    NOT NULL,
    currency  TEXT    NOT NULL,
    first_day INTEGER NOT NULL,
    opening   INTEGER NOT NULL,
    last_day  INTEGER NOT NULL,
    closing   INTEGER NOT NULL,
    PRIMARY KEY (import_id, platform, account, currency)
) STRICT;
