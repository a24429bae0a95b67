-- Issue 19 point 3: one organisation's rows of the matrix in its order (the organisation filter, e.g. one unit's
-- overdue rows), so such a page reads that organisation's few thousand cells rather than walking the whole order index.
create index duties_matrix_cell_org on duties_matrix_cell (org_id, kind_pos, subject_id, rule_pos);
