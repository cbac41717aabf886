# Knab current account, Internetbankieren > Transactieoverzicht > Exporteren
# (CSV). A title line "KNAB EXPORT;;;;..." comes before an unquoted header;
# the header and every quoted data row end in a ';'. Dates are dd-mm-yyyy;
# "Bedrag" is unsigned with a decimal comma and is sometimes whole ("1000");
# "CreditDebet" signs it (D: money leaves the account). "Referentie" is
# Knab's id of the movement.
#
# Every movement is a transfer: the bank balance stays true, and a deposit
# from a platform is left to reconciliation. The program is the account
# ("Rekeningnummer", its IBAN in lower case).
source      knab
title       Knab transaction overview (KNAB EXPORT, then Rekeningnummer;Transactiedatum;...;Referentie;Boekdatum;)
confidence  seen-file
header      Rekeningnummer,Transactiedatum,Valutacode,CreditDebet,Bedrag,Tegenrekeningnummer,Tegenrekeninghouder,Valutadatum,Betaalwijze,Omschrijving,Type betaling,Machtigingsnummer,Incassant ID,Adres,Referentie,Boekdatum

decimal     ,
date-format dd-mm-yyyy

set platform knab
set kind     transfer

map date         Transactiedatum
map amount       Bedrag
map direction    CreditDebet
value direction D = debit
value direction C = credit
map currency     Valutacode
map external-id  Referentie
map program      Rekeningnummer
default program  current-account
map counterparty Tegenrekeninghouder
template description {Betaalwijze}: {Omschrijving}
