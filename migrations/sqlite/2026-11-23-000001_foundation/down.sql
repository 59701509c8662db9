DROP TABLE communities; DROP TABLE account_tokens; DROP TABLE refresh_tokens; DROP TABLE accounts;
