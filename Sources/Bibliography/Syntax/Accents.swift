/// TeX's accent commands and the precomposed letters they make.
///
/// The tables list, for each accent, the ASCII letters that have a precomposed form and
/// that form, as Unicode's canonical composition (NFC) gives them; the tests check them
/// against Foundation's normalisation. A letter missing from a table gets the combining
/// mark after it, which is the same text to a reader (and to `String`'s `==`).
enum Accents {
    struct Accent: Sendable {
        var combining: Unicode.Scalar
        /// Written alone, as in `\~{}`.
        var spacing: String?
        var composed: [Unicode.Scalar: Unicode.Scalar]
    }

    static let table: [String: Accent] = {
        let rows: [(String, UInt32, String?, String, String)] = [
            ("'", 0x301, "´", "AaCcEeGgIiKkLlMmNnOoPpRrSsUuWwYyZz", "ÁáĆćÉéǴǵÍíḰḱĹĺḾḿŃńÓóṔṕŔŕŚśÚúẂẃÝýŹź"),
            ("`", 0x300, "`", "AaEeIiNnOoUuWwYy", "ÀàÈèÌìǸǹÒòÙùẀẁỲỳ"),
            ("^", 0x302, "^", "AaCcEeGgHhIiJjOoSsUuWwYyZz", "ÂâĈĉÊêĜĝĤĥÎîĴĵÔôŜŝÛûŴŵŶŷẐẑ"),
            ("\"", 0x308, "¨", "AaEeHhIiOotUuWwXxYy", "ÄäËëḦḧÏïÖöẗÜüẄẅẌẍŸÿ"),
            ("~", 0x303, "~", "AaEeIiNnOoUuVvYy", "ÃãẼẽĨĩÑñÕõŨũṼṽỸỹ"),
            ("=", 0x304, "¯", "AaEeGgIiOoUuYy", "ĀāĒēḠḡĪīŌōŪūȲȳ"),
            (".", 0x307, "˙", "AaBbCcDdEeFfGgHhIMmNnOoPpRrSsTtWwXxYyZz", "ȦȧḂḃĊċḊḋĖėḞḟĠġḢḣİṀṁṄṅȮȯṖṗṘṙṠṡṪṫẆẇẊẋẎẏŻż"),
            ("u", 0x306, "˘", "AaEeGgIiOoUu", "ĂăĔĕĞğĬĭŎŏŬŭ"),
            ("v", 0x30C, "ˇ", "AaCcDdEeGgHhIijKkLlNnOoRrSsTtUuZz", "ǍǎČčĎďĚěǦǧȞȟǏǐǰǨǩĽľŇňǑǒŘřŠšŤťǓǔŽž"),
            ("H", 0x30B, "˝", "OoUu", "ŐőŰű"),
            ("c", 0x327, "¸", "CcDdEeGgHhKkLlNnRrSsTt", "ÇçḐḑȨȩĢģḨḩĶķĻļŅņŖŗŞşŢţ"),
            ("k", 0x328, "˛", "AaEeIiOoUu", "ĄąĘęĮįǪǫŲų"),
            ("r", 0x30A, "˚", "AaUuwy", "ÅåŮůẘẙ"),
            ("d", 0x323, nil, "AaBbDdEeHhIiKkLlMmNnOoRrSsTtUuVvWwYyZz", "ẠạḄḅḌḍẸẹḤḥỊịḲḳḶḷṂṃṆṇỌọṚṛṢṣṬṭỤụṾṿẈẉỴỵẒẓ"),
            ("b", 0x331, nil, "BbDdhKkLlNnRrTtZz", "ḆḇḎḏẖḴḵḺḻṈṉṞṟṮṯẔẕ"),
        ]
        var table: [String: Accent] = [:]
        for (command, mark, spacing, bases, composed) in rows {
            precondition(bases.unicodeScalars.count == composed.unicodeScalars.count, "accent table \\\(command) is misaligned")
            let pairs = zip(bases.unicodeScalars, composed.unicodeScalars).map { ($0, $1) }
            table[command] = Accent(combining: Unicode.Scalar(mark)!, spacing: spacing, composed: Dictionary(uniqueKeysWithValues: pairs))
        }
        return table
    }()

    /// Accents that sit above the letter: on `\i` and `\j` they stand for i and j.
    static let above: Set<String> = ["'", "`", "^", "\"", "~", "=", ".", "u", "v", "H", "r"]

    /// `base` with `accent` over or under it, precomposed where Unicode has the letter.
    static func apply(_ command: String, to base: Unicode.Scalar) -> String? {
        guard let accent = table[command] else { return nil }
        var base = base
        if above.contains(command) {
            if base == "ı" { base = "i" }
            if base == "ȷ" { base = "j" }
        }
        if let letter = accent.composed[base] { return String(Character(letter)) }
        var text = ""
        text.unicodeScalars.append(base)
        text.unicodeScalars.append(accent.combining)
        return text
    }

    /// Folds a letter to its base for sorting: `Ö` → `O`; other scalars unchanged.
    static let bases: [Unicode.Scalar: Unicode.Scalar] = {
        var bases: [Unicode.Scalar: Unicode.Scalar] = [:]
        for accent in table.values {
            for (base, letter) in accent.composed { bases[letter] = base }
        }
        return bases
    }()
}
