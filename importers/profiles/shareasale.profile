# ShareASale affiliate activity report: pipe-delimited, one row per
# transaction.
#
# UNVERIFIED: the downloaded report is pipe-delimited (an affiliate blog
# says so) but its header was not seen; these are the columns of the
# ShareASale API activity report as remembered in formats.md 3.2. Adapt the
# header if yours differs. Status comes from several columns: Voided 1 is
# reversed, a Paid Date is paid, Locked 1 is approved, anything else is
# pending.
source      shareasale
title       ShareASale affiliate activity (pipe-delimited; Trans ID|...|Commission|Voided|Locked)
confidence  assumed
header      Trans ID,User ID,Merchant ID,Trans Date,Trans Amount,Commission,Comment,Voided,Pending Date,Locked,Aff Comment,Banner Page,Reversal Date,Click Date,Click Time,Banner Id,Lock Date,Paid Date,Merchant Organization,Merchant Website
delimiter   |

decimal     .
date-format mm/dd/yyyy | yyyy-mm-dd

set platform shareasale
set program  affiliate
set currency USD
set status   pending

map date         Trans Date
map external-id  Trans ID
map counterparty Merchant Organization
map description  Comment
map amount       Commission

when Voided is 1 set status reversed
when Paid Date not-empty set status paid
when Locked is 1 set status approved
