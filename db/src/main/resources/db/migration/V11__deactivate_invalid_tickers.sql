-- Symbols tracked before a ticker had to end with a letter or digit (a trigger for 'X:' tracked 'X:'): no load can
-- run them, the nightly run warns about them every night, and the API cannot name them to deactivate them.
UPDATE symbols SET active = false, updated_at = now()
WHERE active AND symbol !~ '^[A-Z0-9]([A-Z0-9.:_-]{0,30}[A-Z0-9])?$';
