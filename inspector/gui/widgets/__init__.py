"""Small widgets of the desk, drawn with QPainter (no QtCharts: +157 MB for little gain)."""
