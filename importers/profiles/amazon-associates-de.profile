# Amazon Associates (PartnerNet) Fee-Earnings report, German layout
# (amazon.de), amounts in EUR.
#
# ASSUMED: no German file or importer was found. This is the US layout with
# the column names of the German PartnerNet interface ("Werbekostenerstattung"
# is Ad Fees), semicolons, comma decimals and dd.mm.yyyy dates, as German
# Excel-oriented exports are written. Copy and adapt it if yours differs.
source      amazon-associates-de
title       Amazon PartnerNet Fee-Earnings report, German layout (EUR, comma decimals)
confidence  assumed
header      Kategorie,Name,ASIN,Verkäufer,Tracking-ID,Versanddatum,Preis(€),Versandte Artikel,Rücksendungen,Umsatz(€),Werbekostenerstattung(€),Gerätetypgruppe

decimal     ,
date-format dd.mm.yyyy | yyyy-mm-dd

set platform  amazon-associates
set program   associates
set status    approved
negative-kind reversal

map date         Versanddatum
map amount       Werbekostenerstattung(*)
set currency     from-header
template external-id {ASIN}/{Tracking-ID}/{Gerätetypgruppe}/{Verkäufer}
map description  Name
skip-row Kategorie starts-with Gesamt
skip-row Kategorie starts-with Total
