"""The Excel audit report: its sheets, the Licences sheet, and the cell helpers they share."""
