"""The missile end-user knowledge base: the office's reviewed programme entities and the entries
of the loaded lists whose names, remarks, programmes or links name missile or space activity."""
