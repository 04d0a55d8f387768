-- Dump/restore and binary COPY round trip of kol_profile: varied values and edge cases.
CREATE SCHEMA IF NOT EXISTS rt;
CREATE TABLE rt.kol_profiles (id int PRIMARY KEY, p kolmetrics.kol_profile);
INSERT INTO rt.kol_profiles VALUES
	(1, '{}'),
	(2, NULL),
	(3, '{"categories": {"beauty": 0.8, "skincare": 0.6},
	      "audience": {"gender": {"f": 0.7, "m": 0.3},
	                   "age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15},
	                   "city_tier": {"1": 0.5, "2": 0.3, "3+": 0.2}},
	      "languages": ["zh", "en"], "countries": ["CN", "SG"]}'),
	-- shares needing 16 and 17 digits after normalisation
	(4, '{"audience": {"x": {"a": 1, "b": 2, "c": 3, "d": 7}}}'),
	-- extremes of the weight range, a subnormal, 0
	(5, '{"categories": {"a": 5e-324, "b": 1e15, "c": 0, "d": 0.30000000000000004}}'),
	-- escapes and non-ASCII labels (quote, backslash, CJK, emoji through a surrogate pair)
	(6, '{"categories": {"a\"b": 1, "c\\d": 2, "美妆": 3, "\ud83d\udc84": 4},
	      "countries": ["中国"]}'),
	-- a 64-byte label (the limit)
	(7, format('{"categories": {"%s": 1}}', repeat('x', 64))::kolmetrics.kol_profile),
	-- 256 categories, 32 dimensions (the limits)
	(8, (SELECT format('{"categories": {%s}}', string_agg(format('"c%s": %s', i, i), ', '))
	       FROM generate_series(1, 256) i)::kolmetrics.kol_profile),
	(9, (SELECT format('{"audience": {%s}}', string_agg(format('"d%s": {"a": %s, "b": 1}', i, i), ', '))
	       FROM generate_series(1, 32) i)::kolmetrics.kol_profile),
	-- a brief with markets only
	(10, '{"languages": ["ms", "en"], "countries": ["MY"]}');
