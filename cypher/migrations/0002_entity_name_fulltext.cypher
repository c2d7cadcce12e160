// Search over names and aliases (every entity stores its display name in `name`: an event's
// title, a source's title, an allegation's statement). The standard-folding analyzer lower-cases and folds
// accents (Ségou = Segou, États = etats), so "etats du sahel" finds "Alliance des États du Sahel".
// Not eventually consistent: a name written in a transaction is searchable once it commits.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
