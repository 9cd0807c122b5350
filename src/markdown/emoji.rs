//! GitHub's emoji shortcodes, `:tada:`, as Jekyll's jemoji, Hugo's `enableEmoji`, MkDocs'
//! emoji extension and VitePress show them: the names most used in posts, each the emoji
//! it stands for. A name not listed here stays as written.

/// The emoji a shortcode's name (`tada`, without colons) stands for.
pub fn emoji(name: &str) -> Option<&'static str> {
    Some(match name {
        "smile" => "\u{1f604}",
        "smiley" => "\u{1f603}",
        "grin" => "\u{1f601}",
        "grinning" => "\u{1f600}",
        "laughing" => "\u{1f606}",
        "joy" => "\u{1f602}",
        "rofl" => "\u{1f923}",
        "wink" => "\u{1f609}",
        "blush" => "\u{1f60a}",
        "slightly_smiling_face" => "\u{1f642}",
        "upside_down_face" => "\u{1f643}",
        "thinking" => "\u{1f914}",
        "sweat_smile" => "\u{1f605}",
        "heart_eyes" => "\u{1f60d}",
        "sunglasses" => "\u{1f60e}",
        "cry" => "\u{1f622}",
        "sob" => "\u{1f62d}",
        "confused" => "\u{1f615}",
        "disappointed" => "\u{1f61e}",
        "rage" => "\u{1f621}",
        "angry" => "\u{1f620}",
        "scream" => "\u{1f631}",
        "open_mouth" => "\u{1f62e}",
        "neutral_face" => "\u{1f610}",
        "expressionless" => "\u{1f611}",
        "stuck_out_tongue" => "\u{1f61b}",
        "innocent" => "\u{1f607}",
        "yum" => "\u{1f60b}",
        "relieved" => "\u{1f60c}",
        "sleeping" => "\u{1f634}",
        "sleepy" => "\u{1f62a}",
        "tired_face" => "\u{1f62b}",
        "worried" => "\u{1f61f}",
        "frowning" => "\u{1f626}",
        "astonished" => "\u{1f632}",
        "flushed" => "\u{1f633}",
        "smirk" => "\u{1f60f}",
        "unamused" => "\u{1f612}",
        "weary" => "\u{1f629}",
        "nerd_face" => "\u{1f913}",
        "hugs" => "\u{1f917}",
        "star_struck" => "\u{1f929}",
        "partying_face" => "\u{1f973}",
        "exploding_head" => "\u{1f92f}",
        "shushing_face" => "\u{1f92b}",
        "face_with_monocle" => "\u{1f9d0}",
        "heart" => "\u{2764}\u{fe0f}",
        "broken_heart" => "\u{1f494}",
        "green_heart" => "\u{1f49a}",
        "blue_heart" => "\u{1f499}",
        "yellow_heart" => "\u{1f49b}",
        "purple_heart" => "\u{1f49c}",
        "black_heart" => "\u{1f5a4}",
        "orange_heart" => "\u{1f9e1}",
        "two_hearts" => "\u{1f495}",
        "sparkling_heart" => "\u{1f496}",
        "+1" => "\u{1f44d}",
        "thumbsup" => "\u{1f44d}",
        "-1" => "\u{1f44e}",
        "thumbsdown" => "\u{1f44e}",
        "clap" => "\u{1f44f}",
        "wave" => "\u{1f44b}",
        "raised_hands" => "\u{1f64c}",
        "pray" => "\u{1f64f}",
        "muscle" => "\u{1f4aa}",
        "point_right" => "\u{1f449}",
        "point_left" => "\u{1f448}",
        "point_up" => "\u{261d}\u{fe0f}",
        "point_down" => "\u{1f447}",
        "ok_hand" => "\u{1f44c}",
        "v" => "\u{270c}\u{fe0f}",
        "crossed_fingers" => "\u{1f91e}",
        "handshake" => "\u{1f91d}",
        "raised_hand" => "\u{270b}",
        "fist" => "\u{270a}",
        "eyes" => "\u{1f440}",
        "brain" => "\u{1f9e0}",
        "tada" => "\u{1f389}",
        "confetti_ball" => "\u{1f38a}",
        "balloon" => "\u{1f388}",
        "gift" => "\u{1f381}",
        "sparkles" => "\u{2728}",
        "star" => "\u{2b50}",
        "star2" => "\u{1f31f}",
        "dizzy" => "\u{1f4ab}",
        "fire" => "\u{1f525}",
        "boom" => "\u{1f4a5}",
        "zap" => "\u{26a1}",
        "rocket" => "\u{1f680}",
        "bulb" => "\u{1f4a1}",
        "memo" => "\u{1f4dd}",
        "pencil" => "\u{1f4dd}",
        "pencil2" => "\u{270f}\u{fe0f}",
        "book" => "\u{1f4d6}",
        "books" => "\u{1f4da}",
        "bookmark" => "\u{1f516}",
        "link" => "\u{1f517}",
        "lock" => "\u{1f512}",
        "unlock" => "\u{1f513}",
        "key" => "\u{1f511}",
        "bell" => "\u{1f514}",
        "mag" => "\u{1f50d}",
        "wrench" => "\u{1f527}",
        "hammer" => "\u{1f528}",
        "gear" => "\u{2699}\u{fe0f}",
        "package" => "\u{1f4e6}",
        "bug" => "\u{1f41b}",
        "construction" => "\u{1f6a7}",
        "warning" => "\u{26a0}\u{fe0f}",
        "no_entry" => "\u{26d4}",
        "no_entry_sign" => "\u{1f6ab}",
        "x" => "\u{274c}",
        "heavy_check_mark" => "\u{2714}\u{fe0f}",
        "white_check_mark" => "\u{2705}",
        "ballot_box_with_check" => "\u{2611}\u{fe0f}",
        "question" => "\u{2753}",
        "grey_question" => "\u{2754}",
        "exclamation" => "\u{2757}",
        "heavy_exclamation_mark" => "\u{2757}",
        "information_source" => "\u{2139}\u{fe0f}",
        "arrow_right" => "\u{27a1}\u{fe0f}",
        "arrow_left" => "\u{2b05}\u{fe0f}",
        "arrow_up" => "\u{2b06}\u{fe0f}",
        "arrow_down" => "\u{2b07}\u{fe0f}",
        "arrows_counterclockwise" => "\u{1f504}",
        "repeat" => "\u{1f501}",
        "heavy_plus_sign" => "\u{2795}",
        "heavy_minus_sign" => "\u{2796}",
        "coffee" => "\u{2615}",
        "tea" => "\u{1f375}",
        "beer" => "\u{1f37a}",
        "beers" => "\u{1f37b}",
        "wine_glass" => "\u{1f377}",
        "pizza" => "\u{1f355}",
        "cake" => "\u{1f370}",
        "birthday" => "\u{1f382}",
        "apple" => "\u{1f34e}",
        "tomato" => "\u{1f345}",
        "hamburger" => "\u{1f354}",
        "cookie" => "\u{1f36a}",
        "sunny" => "\u{2600}\u{fe0f}",
        "cloud" => "\u{2601}\u{fe0f}",
        "umbrella" => "\u{2614}",
        "snowflake" => "\u{2744}\u{fe0f}",
        "rainbow" => "\u{1f308}",
        "earth_americas" => "\u{1f30e}",
        "earth_africa" => "\u{1f30d}",
        "earth_asia" => "\u{1f30f}",
        "globe_with_meridians" => "\u{1f310}",
        "computer" => "\u{1f4bb}",
        "iphone" => "\u{1f4f1}",
        "email" => "\u{1f4e7}",
        "envelope" => "\u{2709}\u{fe0f}",
        "calendar" => "\u{1f4c6}",
        "date" => "\u{1f4c5}",
        "alarm_clock" => "\u{23f0}",
        "hourglass" => "\u{231b}",
        "hourglass_flowing_sand" => "\u{23f3}",
        "stopwatch" => "\u{23f1}\u{fe0f}",
        "chart_with_upwards_trend" => "\u{1f4c8}",
        "chart_with_downwards_trend" => "\u{1f4c9}",
        "bar_chart" => "\u{1f4ca}",
        "moneybag" => "\u{1f4b0}",
        "dollar" => "\u{1f4b5}",
        "euro" => "\u{1f4b6}",
        "money_with_wings" => "\u{1f4b8}",
        "trophy" => "\u{1f3c6}",
        "medal_sports" => "\u{1f3c5}",
        "1st_place_medal" => "\u{1f947}",
        "100" => "\u{1f4af}",
        "new" => "\u{1f195}",
        "free" => "\u{1f193}",
        "cool" => "\u{1f192}",
        "ok" => "\u{1f197}",
        "sos" => "\u{1f198}",
        "dog" => "\u{1f436}",
        "cat" => "\u{1f431}",
        "penguin" => "\u{1f427}",
        "snake" => "\u{1f40d}",
        "crab" => "\u{1f980}",
        "whale" => "\u{1f433}",
        "bee" => "\u{1f41d}",
        "unicorn" => "\u{1f984}",
        "see_no_evil" => "\u{1f648}",
        "skull" => "\u{1f480}",
        "ghost" => "\u{1f47b}",
        "robot" => "\u{1f916}",
        "alien" => "\u{1f47d}",
        "poop" => "\u{1f4a9}",
        "hankey" => "\u{1f4a9}",
        "zzz" => "\u{1f4a4}",
        "speech_balloon" => "\u{1f4ac}",
        "thought_balloon" => "\u{1f4ad}",
        "pushpin" => "\u{1f4cc}",
        "paperclip" => "\u{1f4ce}",
        "scissors" => "\u{2702}\u{fe0f}",
        "art" => "\u{1f3a8}",
        "musical_note" => "\u{1f3b5}",
        "notes" => "\u{1f3b6}",
        "headphones" => "\u{1f3a7}",
        "camera" => "\u{1f4f7}",
        "movie_camera" => "\u{1f3a5}",
        "video_game" => "\u{1f3ae}",
        "airplane" => "\u{2708}\u{fe0f}",
        "car" => "\u{1f697}",
        "bike" => "\u{1f6b2}",
        "train" => "\u{1f686}",
        "ship" => "\u{1f6a2}",
        "house" => "\u{1f3e0}",
        "office" => "\u{1f3e2}",
        "seedling" => "\u{1f331}",
        "evergreen_tree" => "\u{1f332}",
        "deciduous_tree" => "\u{1f333}",
        "palm_tree" => "\u{1f334}",
        "cactus" => "\u{1f335}",
        "tulip" => "\u{1f337}",
        "rose" => "\u{1f339}",
        "sunflower" => "\u{1f33b}",
        "herb" => "\u{1f33f}",
        "four_leaf_clover" => "\u{1f340}",
        "recycle" => "\u{267b}\u{fe0f}",
        "copyright" => "\u{00a9}\u{fe0f}",
        "registered" => "\u{00ae}\u{fe0f}",
        "tm" => "\u{2122}\u{fe0f}",
        "crown" => "\u{1f451}",
        "gem" => "\u{1f48e}",
        "red_circle" => "\u{1f534}",
        "large_blue_circle" => "\u{1f535}",
        "white_circle" => "\u{26aa}",
        "black_circle" => "\u{26ab}",
        "shrug" => "\u{1f937}",
        "facepalm" => "\u{1f926}",
        "raising_hand" => "\u{1f64b}",
        "sweat" => "\u{1f613}",
        "grimacing" => "\u{1f62c}",
        "ocean" => "\u{1f30a}",
        "mountain" => "\u{26f0}\u{fe0f}",
        "checkered_flag" => "\u{1f3c1}",
        "triangular_flag_on_post" => "\u{1f6a9}",
        "loudspeaker" => "\u{1f4e2}",
        "mega" => "\u{1f4e3}",
        "newspaper" => "\u{1f4f0}",
        "clipboard" => "\u{1f4cb}",
        "file_folder" => "\u{1f4c1}",
        "floppy_disk" => "\u{1f4be}",
        "cd" => "\u{1f4bf}",
        "battery" => "\u{1f50b}",
        "electric_plug" => "\u{1f50c}",
        "satellite" => "\u{1f4e1}",
        "telescope" => "\u{1f52d}",
        "microscope" => "\u{1f52c}",
        "test_tube" => "\u{1f9ea}",
        "dna" => "\u{1f9ec}",
        "pill" => "\u{1f48a}",
        "syringe" => "\u{1f489}",
        "mask" => "\u{1f637}",
        "chart" => "\u{1f4b9}",
        "label" => "\u{1f3f7}\u{fe0f}",
        "round_pushpin" => "\u{1f4cd}",
        "world_map" => "\u{1f5fa}\u{fe0f}",
        "compass" => "\u{1f9ed}",
        _ => return None,
    })
}

/// `line` with its known shortcodes (`:rocket:`) made their emoji; borrowed when it has
/// none.
pub fn with_emoji(line: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for (open, close, emoji) in shortcodes(line) {
        out.push_str(&line[copied..open]);
        out.push_str(emoji);
        copied = close + 1;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(line);
    }
    out.push_str(&line[copied..]);
    std::borrow::Cow::Owned(out)
}

/// True when `text` holds a known shortcode (the translator's first look at a body).
pub fn has_emoji(text: &str) -> bool {
    shortcodes(text).next().is_some()
}

/// The known shortcodes in `line`, in order: where each opens and closes (its colons) and
/// its emoji. A name is letters, digits, `_`, `+` and `-`, between two colons, and stands
/// apart from the words and addresses around it.
fn shortcodes(line: &str) -> impl Iterator<Item = (usize, usize, &'static str)> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(open) = memchr::memchr(b':', &bytes[at..]).map(|i| at + i) {
            let name_len = bytes[open + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-'))
                .count();
            let close = open + 1 + name_len;
            // Between words, not inside one (`a:b:c`, a URL's `q=:bug:`, `Vec::new::<u8>`).
            let before = open.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(close + 1).copied();
            let apart = before.is_none_or(|b| b.is_ascii_whitespace() || b"([{\"'*_".contains(&b))
                && after.is_none_or(|b| b.is_ascii_whitespace() || b".,!?;)]}\"'*_".contains(&b));
            let found = (name_len > 0 && bytes.get(close) == Some(&b':') && apart)
                .then(|| emoji(&line[open + 1..close]))
                .flatten();
            match found {
                Some(emoji) => {
                    at = close + 1;
                    return Some((open, close, emoji));
                }
                // The closing colon may open the next name: `x:y:tada:`.
                None => at = if name_len > 0 { close } else { open + 1 },
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_shortcodes_are_emoji_and_the_rest_stays() {
        assert_eq!(
            with_emoji("Shipped :tada: :+1:!"),
            "Shipped \u{1f389} \u{1f44d}!"
        );
        assert_eq!(
            with_emoji("(:rocket:) **:fire:**"),
            "(\u{1f680}) **\u{1f525}**"
        );
        for same in [
            "At 10:30:tada: then",
            "https://e.example/s?q=:bug:&x=1",
            "Vec::new::<u8>",
            "crate::x::y",
            "a[1:-1:2]",
            "<kbd>:ok:</kbd>",
            "a:b:c",
            ":not_an_emoji:",
            "https://x.example:80/",
            "::",
            "::tada",
        ] {
            assert!(
                matches!(with_emoji(same), std::borrow::Cow::Borrowed(_)),
                "{same}"
            );
        }
        assert!(has_emoji(":rocket:") && !has_emoji("12:30:45"));
    }
}
