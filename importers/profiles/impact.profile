# impact.com partner (Mediapartners) actions: one row per action
# (a sale or lead that pays a commission).
#
# DOCS ONLY: the CSV the impact.com UI exports was not found. The columns
# are the field names of the partner Actions API (Id, CampaignName,
# EventDate, State, Payout, Currency, ...), which is what an API export or
# a report built from it has. Adapt the header if your UI export differs.
# A commission keeps its date and kind when its State changes, so a later
# export updates it: PENDING, then APPROVED, or REVERSED (left out of the
# income report).
source      impact
title       impact.com partner actions (API field names: Id, EventDate, State, Payout, Currency)
confidence  docs
header      Id,CampaignId,CampaignName,ActionTrackerName,EventDate,CreationDate,LockingDate,ClearedDate,State,Amount,Payout,Currency,SubId1

decimal     .
date-format yyyy-mm-dd | mm/dd/yyyy

set platform impact
set program  partner

map date         EventDate
map external-id  Id
map counterparty CampaignName
map description  ActionTrackerName
map amount       Payout
map currency     Currency

map status       State
value status PENDING  = pending
value status LOCKED   = pending
value status APPROVED = approved
value status CLEARED  = approved
value status PAID     = paid
value status REVERSED = reversed
