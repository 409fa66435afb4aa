// Protocol-neutral domain: units, ids, grid model, allocation, arbitration. Depends on nothing.
