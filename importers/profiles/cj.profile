# CJ (Commission Junction) publisher commission detail: one row per action.
#
# DOCS ONLY: the CSV of CJ's UI was not found. The columns are the field
# names of the publisherCommissions API (Commission Detail), with amounts in
# USD (pubCommissionAmountUsd). actionStatus: NEW and EXTENDED are pending,
# LOCKED is approved (no longer changes), CLOSED is paid. Corrections come
# as their own rows with a negative commission: reversals.
source      cj
title       CJ commission detail (API field names: commissionId, eventDate, actionStatus, pubCommissionAmountUsd)
confidence  docs
header      commissionId,actionStatus,actionType,actionTrackerName,advertiserId,advertiserName,postingDate,eventDate,lockingDate,orderId,saleAmountUsd,pubCommissionAmountUsd,correctionReason

decimal     .
date-format yyyy-mm-dd

set platform  cj
set program   publisher
set currency  USD
negative-kind reversal

map date         eventDate
map external-id  commissionId
map counterparty advertiserName
map description  actionTrackerName
map amount       pubCommissionAmountUsd

map status       actionStatus
value status NEW      = pending
value status EXTENDED = pending
value status LOCKED   = approved
value status CLOSED   = paid
