DROP TABLE codesign_choices;
DROP TABLE codesign_processes;
