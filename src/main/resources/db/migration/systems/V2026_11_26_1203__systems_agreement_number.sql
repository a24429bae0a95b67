-- A11.1: the agreement's own number, which the A11.1 duty's evidence names
alter table systems_agreement add column agreement_number varchar(100);
