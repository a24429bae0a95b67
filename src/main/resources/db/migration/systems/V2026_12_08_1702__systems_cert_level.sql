-- issue 17 point 8 (A11.2): the protection level the 等保 certificate states, checked against the system's at admission.
alter table systems_verification_item add column cert_level integer;
