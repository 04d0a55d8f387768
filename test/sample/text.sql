-- Post texts and comments of the sample (doc/text.md), loaded after generate.sql by the demo,
-- the docs check and the benchmarks.
--   psql -v seed=42 -f test/sample/text.sql
-- sample.post_texts: a text for up to 200,000 posts (all of them at docs scale): a content cue
-- in the KOL's language (测评, 开箱, tutorial, haul ...), the brand of a sponsored post by one of
-- its aliases (Chinese or English name, pinyin, #topic#, @handle; organic posts name one
-- brand in five), and for sponsored posts a disclosure marker, up front (the
-- generator's '品牌合作 广告' / '#ad'), after a long caption (past the fold) or missing; one
-- organic post in 25 carries an ambiguous marker (恰饭, #partner).  sample.post_comments: 0 .. 5
-- comments per post text, Chinese for CN accounts (a few in traditional characters), English
-- otherwise, positive, negative or neutral with emotes, the mix depending on the brand and on
-- the content type (sample.comments, from authenticity.sql, are per account and name no
-- post).  kolmetrics.brand_alias gets the aliases of the sample's five brands.
-- Every draw is sample.u(seed, key, salt), so the same seed gives the same rows.
\if :{?seed} \else \set seed 42 \endif

SET client_min_messages = warning;
DROP TABLE IF EXISTS sample.post_comments;
DROP TABLE IF EXISTS sample.post_texts;
RESET client_min_messages;

INSERT INTO kolmetrics.brand_alias (brand, alias) VALUES
	('Lumière Skin', 'Lumière Skin'), ('Lumière Skin', 'Lumiere Skin'), ('Lumière Skin', '露米耶'),
	('Lumière Skin', 'lumiye'), ('Lumière Skin', '#露米耶#'), ('Lumière Skin', '@lumiereskin'),
	('Panda Tea', 'Panda Tea'), ('Panda Tea', '熊猫茶'), ('Panda Tea', 'xiongmaocha'),
	('Panda Tea', '#熊猫茶#'), ('Panda Tea', '@pandatea'),
	('Orbit Phones', 'Orbit Phones'), ('Orbit Phones', 'Orbit Phone'), ('Orbit Phones', '轨道手机'),
	('Orbit Phones', 'guidao shouji'), ('Orbit Phones', '@orbitphones'),
	('Nova Sportswear', 'Nova Sportswear'), ('Nova Sportswear', '诺瓦运动'),
	('Nova Sportswear', 'nuowa yundong'), ('Nova Sportswear', '#NovaSport'), ('Nova Sportswear', '@novasportswear'),
	('Jade Cosmetics', 'Jade Cosmetics'), ('Jade Cosmetics', '玉妆'), ('Jade Cosmetics', 'yuzhuang'),
	('Jade Cosmetics', '#玉妆#'), ('Jade Cosmetics', '@jadecosmetics')
ON CONFLICT DO NOTHING;

CREATE TABLE sample.post_texts (
	post_id bigint PRIMARY KEY,
	kol_id bigint NOT NULL,
	brand text,                  -- the brand the generator named (NULL: none)
	content_type text NOT NULL,  -- the cue the generator used
	disclosure text NOT NULL,    -- 'early', 'late', 'none' (sponsored) or 'ambiguous', 'none'
	body text NOT NULL
);

WITH n AS (SELECT least(1.0, 200000.0 / greatest(count(*), 1)) AS frac FROM sample.posts),
picked AS (
	SELECT p.post_id, p.kol_id, p.is_sponsored, k.country = 'CN' AS zh, k.niche,
	       1 + floor(sample.u(:seed, p.post_id, 71) * 5)::int AS b,
	       1 + floor(sample.u(:seed, p.post_id, 72) * 9)::int AS c,
	       sample.u(:seed, p.post_id, 73) AS ud,
	       1 + floor(sample.u(:seed, p.post_id, 74) * 4)::int AS a,
	       sample.u(:seed, p.post_id, 75) < 0.2 AS organic_brand
	  FROM sample.posts p JOIN sample.kols k USING (kol_id), n
	 WHERE sample.u(:seed, p.post_id, 70) < n.frac
),
parts AS (
	SELECT *,
	       (ARRAY['review', 'tutorial', 'unboxing', 'haul', 'behind-the-scenes', 'challenge', 'live',
	              'giveaway', 'q&a'])[c] AS ctype,
	       CASE WHEN zh THEN (ARRAY['真实测评｜', '手把手教程：', '开箱！', '好物分享 ', '拍摄幕后花絮 ',
	                                '挑战 ', '今晚直播间见 ', '抽奖福利 ', '问答：'])[c]
	            ELSE (ARRAY['Honest review: ', 'Tutorial: ', 'Unboxing ', 'Haul: ', 'Behind the scenes ',
	                        '#challenge ', 'Going live tonight ', 'Giveaway! ', 'Q&A: '])[c] END AS cue,
	       (ARRAY['Lumière Skin', 'Panda Tea', 'Orbit Phones', 'Nova Sportswear', 'Jade Cosmetics'])[b] AS bname,
	       CASE WHEN zh THEN (ARRAY[ARRAY['露米耶', '#露米耶#', 'lumiye', '@lumiereskin'],
	                                ARRAY['熊猫茶', '#熊猫茶#', 'xiongmaocha', '@pandatea'],
	                                ARRAY['轨道手机', 'Orbit Phones', 'guidao shouji', '@orbitphones'],
	                                ARRAY['诺瓦运动', '#NovaSport', 'nuowa yundong', '@novasportswear'],
	                                ARRAY['玉妆', '#玉妆#', 'yuzhuang', '@jadecosmetics']])[b][a]
	            ELSE (ARRAY[ARRAY['Lumière Skin', 'Lumiere Skin', '@lumiereskin', 'Lumière Skin'],
	                        ARRAY['Panda Tea', '@pandatea', 'Panda Tea', '熊猫茶'],
	                        ARRAY['Orbit Phones', 'Orbit Phone', '@orbitphones', 'Orbit Phones'],
	                        ARRAY['Nova Sportswear', '#NovaSport', '@novasportswear', 'Nova Sportswear'],
	                        ARRAY['Jade Cosmetics', '@jadecosmetics', 'Jade Cosmetics', 'Jade Cosmetics']])[b][a] END AS alias,
	       CASE WHEN NOT is_sponsored THEN CASE WHEN ud < 0.04 THEN 'ambiguous' ELSE 'none' END
	            WHEN ud < 0.6 THEN 'early' WHEN ud < 0.8 THEN 'late' ELSE 'none' END AS disc
	  FROM picked
)
INSERT INTO sample.post_texts
SELECT post_id, kol_id,
       CASE WHEN is_sponsored OR organic_brand THEN bname END,
       ctype, disc,
       CASE WHEN disc = 'early' THEN CASE WHEN zh THEN '品牌合作 广告 ' ELSE '#ad ' END ELSE '' END
       || cue
       || CASE WHEN is_sponsored OR organic_brand THEN alias || ' ' ELSE '' END
       || CASE WHEN zh THEN niche || '日常分享，记录一下这次的体验，细节都在视频里了，喜欢的话点个关注'
               ELSE niche || ' diary: everything I noticed this week, details in the video, follow for more' END
       || CASE WHEN disc = 'late' THEN CASE WHEN zh THEN ' 本期内容为品牌合作推广' ELSE ' #sponsored' END
               WHEN disc = 'ambiguous' THEN CASE WHEN zh THEN ' 恰饭' ELSE ' #partner' END
               ELSE '' END
  FROM parts;

CREATE TABLE sample.post_comments (
	comment_id bigint PRIMARY KEY,
	post_id bigint NOT NULL,
	kol_id bigint NOT NULL,
	author text NOT NULL,
	body text NOT NULL,
	posted_at timestamptz NOT NULL
);

-- polarity: brands differ (Panda Tea best liked, Orbit Phones worst), giveaways and live
-- posts draw more neutral comments ("求链接", "link please")
INSERT INTO sample.post_comments
SELECT t.post_id * 10 + j, t.post_id, t.kol_id,
       'user_' || (floor(sample.u(:seed, t.post_id * 10 + j, 81) * 50000))::int,
       CASE WHEN k.country = 'CN' THEN
            CASE pol
            WHEN 1 THEN (ARRAY['太好用了，已经回购三次！', '颜色绝美，显白[赞]', '包装很精致，送人很有面子',
                               '效果真的很明显，爱了爱了[哈哈]', '物流超快，第二天就到了', '性价比很高，闭眼入',
                               'yyds！已种草', '味道很好，不甜不腻', '客服态度很好，耐心解答', '用了一個月皮膚變好了',
                               '质量很好，做工扎实❤️', '终于等到了，真香[doge]'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 12)::int]
            WHEN -1 THEN (ARRAY['用了两天就过敏了，踩雷', '太贵了，不值这个价', '翻车了，和宣传的完全不一样',
                                '质量太差，一洗就掉色', '物流太慢了，等了半个月😡', '智商税，别买',
                                '客服不理人，退款难', '味道太甜了，喝不下去', '續航太差，半天就沒電了',
                                '做工粗糙，失望[裂开]'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 10)::int]
            ELSE (ARRAY['求链接', '这个色号叫什么？', '已下单，等收货', '蹲一个后续', '请问敏感肌能用吗',
                        '什么时候有活动', '@闺蜜 你看这个', '第一次看直播'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 8)::int]
            END
       ELSE
            CASE pol
            WHEN 1 THEN (ARRAY['Love this so much 😍', 'Holy grail, repurchasing!', 'Great quality for the price',
                               'Obsessed with the color', 'Works perfectly, fast shipping', 'This is amazing, thanks for sharing!',
                               'Best tea I have had in years', 'So comfy, wearing it every day 🔥'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 8)::int]
            WHEN -1 THEN (ARRAY['Broke after a week, total waste of money', 'Overpriced and the quality is bad',
                                'Too sweet for me, would not buy again', 'Terrible customer service 😡',
                                'Looks cheap in person, returned it', 'Battery dies by noon, so disappointed'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 6)::int]
            ELSE (ARRAY['Where can I buy this?', 'What shade are you wearing?', 'Link please',
                        'Just ordered, will update', 'Does it ship to Canada?'])[1 + floor(sample.u(:seed, t.post_id * 10 + j, 83) * 5)::int]
            END
       END,
       p.posted_at + sample.u(:seed, t.post_id * 10 + j, 84) * interval '3 days'
  FROM sample.post_texts t
  JOIN sample.posts p USING (post_id)
  JOIN sample.kols k ON k.kol_id = t.kol_id
 CROSS JOIN LATERAL generate_series(1, floor(sample.u(:seed, t.post_id, 80) * 6)::int) AS j
 CROSS JOIN LATERAL (SELECT
	CASE WHEN u < neutral THEN 0 WHEN u < neutral + (1 - neutral) * pos THEN 1 ELSE -1 END AS pol
	FROM (SELECT sample.u(:seed, t.post_id * 10 + j, 82) AS u,
	             CASE WHEN t.content_type IN ('giveaway', 'live') THEN 0.45 ELSE 0.2 END AS neutral,
	             CASE t.brand WHEN 'Panda Tea' THEN 0.8 WHEN 'Orbit Phones' THEN 0.45
	                          WHEN 'Jade Cosmetics' THEN 0.7 ELSE 0.62 END AS pos) AS x) AS s;
CREATE INDEX ON sample.post_comments (post_id);
