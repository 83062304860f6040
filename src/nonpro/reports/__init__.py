"""Reports to Congress and country profiles, built from nonpro's data and rendered to documents."""
