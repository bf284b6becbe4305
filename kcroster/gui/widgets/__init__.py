"""Painted widgets: heatmap, line/area chart, Gantt, KPI tiles, Poortwachter timeline."""
