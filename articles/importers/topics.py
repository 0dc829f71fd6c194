"""The topics a news story can be about, each with the words that show it, as a table.

A story names its organisations and places itself, but rarely its topic: a central bank
"holding its benchmark rate" is about interest rates without saying so. These rows let
every story carry topic tags even when the newsroom's own vocabulary is empty; a tag of
the vocabulary with the same name always wins. Add a row to teach a topic.
"""

from functools import cache

from .tags import TagMatcher

TOPICS: dict[str, tuple[str, ...]] = {
    "Interest rates": ("interest rate", "interest rates", "benchmark rate", "policy rate",
                       "rate cut", "rate cuts", "rate hike", "rate hikes", "borrowing costs",
                       "basis points", "basis-point"),
    "Inflation": ("inflation", "consumer prices", "price rises"),
    "Central banks": ("central bank", "central banks", "monetary policy"),
    "Economy": ("economy", "economic growth", "GDP", "recession"),
    "Stock markets": ("shares", "stock market", "stock exchange", "investors"),
    "Oil": ("oil", "crude", "barrel", "barrels", "OPEC", "OPEC+", "refiners", "refining"),
    "Energy": ("electricity", "energy", "power grid"),
    "Wind power": ("wind farm", "wind farms", "offshore wind farm", "offshore wind farms",
                   "turbines", "offshore wind"),
    "Renewable energy": ("renewable", "renewables", "solar power", "clean energy"),
    "Climate change": ("climate", "heatwave", "heatwaves",
                       "emissions", "global warming"),
    "Glaciers": ("glacier", "glaciers", "ice sheet", "meltwater"),
    "Weather": ("weather", "heat warning", "heat warnings", "thunderstorms", "temperatures",
                "forecast"),
    "Floods": ("flood", "floods", "flooding", "floodwater", "floodwaters"),
    "Dams": ("dam", "dams", "spillway", "reservoir"),
    "Elections": ("election", "elections", "voters", "polling", "ballot", "run-off",
                  "turnout", "electoral"),
    "Strikes": ("strike", "strikes", "walkout", "walked off the job", "industrial action"),
    "Trade unions": ("union", "unions", "trade union"),
    "Ports": ("port", "ports", "container ship", "container ships", "containers",
              "dockworkers"),
    "Shipping": ("shipping", "vessels", "cargo", "freight"),
    "Railways": ("railway", "railways", "rail", "high-speed train", "train", "trains"),
    "Public transport": ("tram", "trams", "bus", "buses", "minibus", "ferry", "ferries",
                         "fares", "commuters", "public transport"),
    "Cycling": ("cycling", "cyclist", "cyclists", "cycle lane", "cycle lanes", "bike lane",
                "bicycle", "bicycles"),
    "Electric vehicles": ("electric bus", "electric buses", "electric car", "electric cars",
                          "electric vehicle", "electric vehicles", "charging station"),
    "Education": ("school", "schools", "pupils", "students", "teachers", "school district"),
    "Health": ("hospital", "hospitals", "patients", "health", "doctors", "nurses",
               "treatment", "diagnosis"),
    "Dengue": ("dengue", "Aedes", "mosquito", "mosquitoes"),
    "Agriculture": ("farmers", "farm", "farms", "harvest", "crop", "crops", "wheat", "grain",
                    "agriculture", "agricultural"),
    "Palm oil": ("palm oil", "smallholders", "plantation", "plantations"),
    "Semiconductors": ("chip", "chips", "chipmaker", "chipmakers", "semiconductor",
                       "semiconductors"),
    "Artificial intelligence": ("artificial intelligence", "AI"),
    "Biotechnology": ("biotech", "biotechnology", "life sciences"),
    "Start-ups": ("start-up", "start-ups", "startup", "startups", "venture capital"),
    "Robotics": ("robot", "robots", "robotics", "robotic"),
    "Elderly care": ("care home", "care homes", "elderly", "aged care", "care workers",
                     "nursing home"),
    "Libraries": ("library", "libraries", "librarians"),
    "Local government": ("council", "councillor", "councillors", "local authority",
                         "borough council", "city council"),
    "Planning": ("planning application", "planning committee", "planning permission",
                 "developer"),
    "Housing": ("housing", "flats", "rents", "mortgage", "mortgages", "home loans"),
    "Hawker centres": ("hawker centre", "hawker centres", "hawker", "hawkers"),
    "Tourism": ("tourists", "tourism", "hotel bookings", "tourist"),
    "Disaster relief": ("relief centre", "relief centres", "evacuation", "evacuated",
                        "rescued"),
    "Fishing": ("fishing", "fishers", "fisherman", "fishermen", "lobster", "crab"),
    "Boating": ("marina", "yacht", "yachts", "pontoons", "sailors", "boatyard"),
    "Community gardens": ("community garden", "community gardens", "allotment",
                          "allotments", "vegetable beds"),
    "Volunteering": ("volunteers", "volunteer"),
    "Transport": ("transport", "travel time", "roads"),
    "Government budgets": ("budget", "budget gap", "spending cuts"),
}  # fmt: skip


@cache
def topic_matcher() -> TagMatcher:
    """Return the matcher of every topic's words, keyed by ("topic", name)."""
    return TagMatcher({("topic", name): words for name, words in TOPICS.items()})
