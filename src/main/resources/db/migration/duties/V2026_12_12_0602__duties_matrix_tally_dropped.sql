-- Issue 19 point 3: the tally lives in the cells' rows now (V2026_12_12_0600, V2026_12_12_0601).
drop table duties_matrix_tally;
