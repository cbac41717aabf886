# Gumroad sales: one row per sale.
#
# DOCS ONLY: the dashboard's "Sales CSV" layout was not found. The columns
# are the field names of the Gumroad API sale object, in which price and
# gumroad_fee are in cents (hence multiply 0.01) and the currency is a
# symbol. Each sale gives the price as an earning and Gumroad's fee as a
# separate negative fee entry. A refunded or charged-back sale is reversed.
source      gumroad
title       Gumroad sales (API field names: id, created_at, price and gumroad_fee in cents)
confidence  docs
header      id,created_at,product_name,product_id,price,gumroad_fee,currency_symbol,quantity,refunded,partially_refunded,chargedback,order_id

decimal     .
date-format yyyy-mm-dd
multiply    0.01

set platform gumroad
set program  seller
set status   approved

map date         created_at
map external-id  id
map description  product_name
map amount       price
map fee          gumroad_fee

map currency     currency_symbol
value currency $   = USD
value currency US$ = USD
value currency €   = EUR
value currency £   = GBP
value currency A$  = AUD
value currency C$  = CAD
value currency ¥   = JPY

when refunded is true set status reversed
when chargedback is true set status reversed
