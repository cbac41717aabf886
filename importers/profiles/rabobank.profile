# Rabobank current account, Rabo Internetbankieren > Downloaden
# transacties > CSV (the layout since 2018). Comma-separated, every field
# quoted, oldest first, Windows-1252 text (the header's "initiërende"; a
# file mangled by a UTF-8 round trip, "initiï¿½rende", reads too).
#
# "Bedrag" is signed with an explicit sign and a decimal comma ("-2,00",
# "+2345,67", "+1.500,00"): the change to the balance, as "Saldo na trn"
# shows. "Volgnr", the account's 18-digit sequence number, is the
# movement's id; the program is the account ("IBAN/BBAN" in lower case),
# so two accounts' sequence numbers never meet. "Omschrijving-2" is often
# a lone space.
#
# Every movement is a transfer: the bank balance stays true, and a deposit
# from a platform is left to reconciliation.
#
# "Saldo na trn" is checked as a running balance, oldest first as the
# dates run: a file with a row missing or doubled is refused.
source      rabobank
title       Rabobank current account CSV (IBAN/BBAN,Munt,BIC,Volgnr,Datum,...,Omschrijving-1,...,Koers)
confidence  seen-code
header      IBAN/BBAN,Munt,BIC,Volgnr,Datum,Rentedatum,Bedrag,Saldo na trn,Tegenrekening IBAN/BBAN,Naam tegenpartij,Naam uiteindelijke partij,Naam initi*rende partij,BIC tegenpartij,Code,Batch ID,Transactiereferentie,Machtigingskenmerk,Incassant ID,Betalingskenmerk,Omschrijving-1,Omschrijving-2,Omschrijving-3,Reden retour,Oorspr bedrag,Oorspr munt,Koers

decimal     ,
date-format yyyy-mm-dd

set platform rabobank
set kind     transfer

map date         Datum
map amount       Bedrag
map currency     Munt
balance          Saldo na trn
map external-id  Volgnr
map program      IBAN/BBAN
default program  current-account
map counterparty Naam tegenpartij
template description {Omschrijving-1} {Omschrijving-2} {Omschrijving-3}
