"""Deletion requests as pure logic: who receives them (`recipients`), what each legal frame demands
(`jurisdictions`, `requirements`), the letter's words (`compose`, from templates in resources/letters/),
its clock (`clocks`) and what to do when it is ignored (`followup`). No SQL, no PDF, no network here."""
