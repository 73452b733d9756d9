"""Table models of the desk: one QAbstractTableModel per table, with named columns and roles."""
