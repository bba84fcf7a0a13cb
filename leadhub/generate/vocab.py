"""Word lists the generator draws from: names, branches, lead sources, statuses, reasons.

Lists are long enough that common names collide (two different "John Smith"s), as they do
in a real customer base.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = tuple(
    """
    James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel Matthew
    Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason
    Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel
    Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas
    Zachary Peter Kyle Noah Ethan Jeremy Walter Christian Keith Roger Terry Austin Sean Gerald Carl
    Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert
    Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip Eugene Mary Patricia
    Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley
    Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca Sharon Laura
    Cynthia Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Katherine Christine
    Helen Debra Rachel Carolyn Janet Maria Catherine Heather Diane Olivia Julie Joyce Victoria Ruth
    Virginia Lauren Kelly Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl Jacqueline Martha
    Madison Teresa Gloria Sara Janice Ann Kathryn Abigail Sophia Frances Jean Alice Judy Isabella Julia
    Grace Amber Denise Danielle Marilyn Beverly Charlotte Natalie Theresa Diana Brittany Doris Kayla
    Alexis Lori Marie José André Zoë Chloé François Hélène Renée Jérôme Noémie Mégane Inés Raúl Sofía
    Björn Mathéo Léa Gaëlle Agnès Priya Arjun Harpreet Gurpreet Wei Mei Jun Hiroshi Yuki Minh Thanh
    Ahmed Fatima Omar Aisha Mohammed Olga Dmitri Ivan Svetlana Giovanni Francesca Luca Marco Chiara
    Pedro Carlos Diego Lucía Mateo Valentina
    """.split()
)

LAST_NAMES: tuple[str, ...] = tuple(
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
    Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
    Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
    Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
    Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
    Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
    Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
    Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
    Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
    Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
    Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker
    Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz
    Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice
    Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley
    Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham
    Côté Bélanger Gagné Lévesque Pelletier Bérubé Gauthier Ménard Tremblay Gagnon Roy Bouchard Fortin
    Lavoie Girard Morin Ouellet Bergeron Leblanc Paquette Boucher Poirier Béland Lefèbvre Müller Peña
    Núñez García Martínez López González Hernández Gómez Pérez Sánchez Ramírez Singh Kaur Sharma Khan
    Ali Wang Li Zhang Liu Park Choi Tanaka Sato Suzuki Pham Le Vo Dang Hoang Ivanov Petrov Rossi Russo
    Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco O'Brien O'Connor MacDonald McLeod
    """.split()
)

NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Rob", "Bob", "Bobby"),
    "William": ("Will", "Bill"),
    "Michael": ("Mike",),
    "James": ("Jim", "Jimmy"),
    "Richard": ("Rick", "Rich"),
    "Elizabeth": ("Liz", "Beth"),
    "Katherine": ("Kate", "Katie"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Joseph": ("Joe",),
    "Thomas": ("Tom",),
    "Jennifer": ("Jen", "Jenny"),
    "Alexander": ("Alex",),
    "Nicholas": ("Nick",),
    "Samantha": ("Sam",),
    "Jonathan": ("Jon",),
    "Benjamin": ("Ben",),
    "Steven": ("Steve",),
    "Andrew": ("Andy", "Drew"),
    "Patricia": ("Pat", "Patty"),
    "Margaret": ("Maggie", "Meg"),
    "Edward": ("Ed", "Eddie"),
    "Timothy": ("Tim",),
    "Jessica": ("Jess",),
    "Rebecca": ("Becky",),
    "Victoria": ("Vicky",),
    "Gregory": ("Greg",),
    "Jeffrey": ("Jeff",),
    "Kenneth": ("Ken",),
    "Ronald": ("Ron",),
    "Donald": ("Don",),
    "Charles": ("Charlie",),
    "Zachary": ("Zach",),
    "Samuel": ("Sam",),
    "Abigail": ("Abby",),
    "Susan": ("Sue",),
    "Deborah": ("Deb",),
    "Catherine": ("Cathy",),
    "Jacqueline": ("Jackie",),
    "Kimberly": ("Kim",),
}

LANGUAGE_TAGS: tuple[str, ...] = ("Spanish", "French", "Portuguese", "Punjabi", "Mandarin")

# (canonical name, normalized name, state/province, area codes, status, is_test, weight)
BRANCHES: tuple[tuple[str, str, str, tuple[str, ...], str, bool, float], ...] = (
    ("NORTH YORK", "NORTH YORK", "ON", ("416", "647"), "active", False, 9),
    ("TORONTO", "TORONTO", "ON", ("416", "437"), "active", False, 10),
    ("MISSISSAUGA", "MISSISSAUGA", "ON", ("905", "289"), "active", False, 8),
    ("WATERLOO/KITCHENER", "WATERLOO/KITCHENER", "ON", ("519", "226"), "active", False, 5),
    ("ST. CATHARINES", "ST. CATHARINES", "ON", ("905", "289"), "on_hold", False, 3),
    ("HAMILTON", "HAMILTON", "ON", ("905", "365"), "active", False, 5),
    ("OTTAWA", "OTTAWA", "ON", ("613", "343"), "active", False, 6),
    ("MONTRÉAL", "MONTREAL", "QC", ("514", "438"), "active", False, 6),
    ("QUÉBEC", "QUEBEC", "QC", ("418", "581"), "inactive", False, 2),
    ("LONDON", "LONDON", "ON", ("519", "548"), "active", False, 3),
    ("BARRIE", "BARRIE", "ON", ("705", "249"), "active", False, 2),
    ("OAKVILLE", "OAKVILLE", "ON", ("905", "289"), "active", False, 3),
    ("VANCOUVER", "VANCOUVER", "BC", ("604", "778"), "active", False, 6),
    ("CALGARY", "CALGARY", "AB", ("403", "587"), "active", False, 4),
    ("EDMONTON", "EDMONTON", "AB", ("780", "587"), "on_hold", False, 3),
    ("HALIFAX", "HALIFAX", "NS", ("902", "782"), "active", False, 2),
    ("BUFFALO", "BUFFALO", "NY", ("716",), "active", False, 2),
    ("CHICAGO", "CHICAGO", "IL", ("312", "773"), "active", False, 3),
    ("SEATTLE", "SEATTLE", "WA", ("206", "425"), "active", False, 2),
    ("DALLAS", "DALLAS", "TX", ("214", "469"), "inactive", False, 2),
    ("Xxx", "XXX", "", ("555",), "active", True, 0.15),
    ("X Test Location", "X TEST LOCATION", "", ("555",), "active", True, 0.1),
)

BRANCH_STATUS_SUFFIXES: dict[str, tuple[str, ...]] = {
    "on_hold": ("(On Hold)", "(ON HOLD)", "- On Hold"),
    "inactive": ("(No New Bookings Until Further Notice)", "(Inactive)", "(CLOSED)"),
}

BRANCH_EMOJIS: tuple[str, ...] = ("🚚", "📦", "⭐", "🏠")

# (canonical name, category, variants as they appear in exports, weight)
LEAD_SOURCES: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("Google", "online", ("Google", "google", "GOOGLE", "Google Organic", "google.com", "Google Search"), 18),
    (
        "Google Ads",
        "advertising",
        ("Google Ads", "google ads", "GOOGLE ADS", "Google AdWords", "Google PPC"),
        14,
    ),
    ("Yelp", "online", ("Yelp", "yelp", "Yelp.com", "YELP"), 6),
    ("Facebook", "advertising", ("Facebook", "facebook", "FB Ads", "Facebook Ads"), 6),
    ("Instagram", "advertising", ("Instagram", "instagram", "IG"), 2),
    ("Bing", "online", ("Bing", "bing", "Bing Search"), 2),
    ("Website", "online", ("Website", "Web Form", "website form", "Our Website", "Online Form"), 10),
    (
        "Friend/Family",
        "referral",
        ("Friend/Family", "friend / family", "Friend or Family", "Referral - Friend"),
        8,
    ),
    (
        "Repeat Customer",
        "referral",
        ("Repeat Customer", "repeat customer", "Repeat", "Returning Customer"),
        6,
    ),
    ("Realtor", "referral", ("Realtor", "Real Estate Agent", "realtor referral"), 3),
    ("HireAHelper", "partner", ("HireAHelper", "Hire A Helper", "hireahelper.com"), 4),
    ("Moving.com", "partner", ("Moving.com", "moving.com", "Moving dot com"), 4),
    ("MyMovingQuotes", "partner", ("MyMovingQuotes", "My Moving Quotes", "mymovingquotes"), 3),
    ("Unpakt", "partner", ("Unpakt", "UNPAKT"), 2),
    ("Porch", "partner", ("Porch", "Porch.com"), 2),
    ("Yellow Pages", "advertising", ("Yellow Pages", "YellowPages", "YP"), 1),
    ("Truck Signage", "advertising", ("Truck Signage", "Saw Truck", "Saw our truck"), 2),
    ("Other", "other", ("Other", "other", "Walk-in", "Phone Call"), 3),
)

# Lead providers as written in the bad-leads `Provider` column (index into LEAD_SOURCES by name).
BAD_LEAD_PROVIDERS: tuple[tuple[str, float], ...] = (
    ("HireAHelper", 25),
    ("Moving.com", 25),
    ("MyMovingQuotes", 20),
    ("Unpakt", 8),
    ("Porch", 8),
    ("Google Ads", 6),
    ("Website", 8),
)

# Lead-gen networks that no rule of seeds/lead_source_rules.csv names (generator setting
# unknown_provider_rate): partners, seen in the bad-leads `Provider` column only.
UNKNOWN_PROVIDERS: tuple[str, ...] = (
    "RelocateQuotes",
    "QuoteRunner",
    "Movers Network",
    "LeadGenix",
    "MovingLeadsPro",
    "Relo Connect",
)

SERVICE_TYPES: tuple[str, ...] = ("Local Move", "Long Distance", "Packing", "Storage", "Commercial Move")
JOB_TYPES: tuple[str, ...] = ("Move", "Packing", "Storage In", "Storage Out", "Junk Removal")
LOST_REASONS: tuple[str, ...] = (
    "Price too high",
    "Booked another company",
    "No response",
    "Moving date changed",
    "Not moving anymore",
    "Went with a cheaper option",
    "Doing it themselves",
    "Availability - date not open",
)
BAD_REASONS: tuple[str, ...] = (
    "Duplicate",
    "Invalid phone number",
    "Out of service area",
    "Not a moving lead",
    "Spam",
    "Wrong contact info",
    "Test lead",
)
STREET_NAMES: tuple[str, ...] = tuple(
    """
    Main King Queen Yonge Bloor Dundas College Bathurst Spadina Church Victoria Elm Maple Oak Pine Cedar
    Lakeshore Park Hill Ridge Forest River Mill Station Centre Front Wellington Richmond Adelaide
    Sherbrooke Robson Granville Jasper Whyte Barrington Elgin Bank Rideau Water Bay Colborne
    """.split()
)
STREET_KINDS: tuple[str, ...] = ("St", "Ave", "Rd", "Blvd", "Dr", "Cres", "Way", "Crt")
EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("gmail.com", 45),
    ("hotmail.com", 14),
    ("yahoo.com", 10),
    ("outlook.com", 8),
    ("icloud.com", 6),
    ("rogers.com", 5),
    ("sympatico.ca", 3),
    ("shaw.ca", 3),
    ("live.ca", 3),
    ("bell.net", 3),
)
PLACEHOLDER_EMAILS: tuple[str, ...] = (
    "none@none.com",
    "noemail@noemail.com",
    "noemail@gmail.com",
    "na@na.com",
    "no@email.com",
    "NONE@NONE.COM",
    "noemail@movingco.com",
)
# Contact values shared by many different people (relocation offices, agents): never identity.
HUB_EMAILS: tuple[str, ...] = (
    "relocation@corporatemoves.com",
    "bookings@movingagent.ca",
    "info@relocationpartners.com",
)
HUB_PHONES: tuple[str, ...] = ("4165550100", "9055550199", "6045550142", "8005550111")
