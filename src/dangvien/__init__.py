"""dangvien: party-member development work of a Vietnamese commune party committee."""
