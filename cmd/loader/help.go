package main

import "github.com/spf13/cobra"

const gazetteerHelp = `The --gazetteer flag of import, watch, extract and eval (and of the server)
adds an analyst's own names to the built-in gazetteer: a watch-list file,
YAML or JSON, or a folder of such files and TSV files of the built-in
shapes (loader/gazetteer/data). $ALAQAT_GAZETTEER sets the default.

A watch-list has up to four sections, each a list; only the fields marked
required must be given:

  persons:
    - names_en: [Said al-Harthy]        # required: at least one English name
      names_ar: [سعيد الحارثي]
      office: Minister of Transport     # their office, in English
      country: OM                       # ISO2 or ISO3 code, or the country's name
      id: said-al-harthy                # default: made from the first English name
  organizations:
    - names: [Falcon Works, فالكون ووركس] # required; names may mix both scripts
      kind: company                     # required: company, ministry, armed_force,
                                        #   agency, international or other
      country: Oman
  offices:
    - title: Minister of Ports          # required: the canonical English title
      forms_en: [Ports Minister]
      forms_ar: [وزير الموانئ]
      organization_en: Ministry of Ports
      organization_ar: وزارة الموانئ
  countries:
    - iso2: OM                          # required; a known country gets more names,
      names_en: [Sultanate of Oman]     #   a new one needs names in both languages
      names_ar: [سلطنة عمان]
      demonyms_en: [Omani]
      cities_en: [Duqm]
      cities_ar: [الدقم]

A file that does not parse, an unknown field, and an entry without a name,
with an unknown kind or country, are errors naming the file, the line and
the field (organizations[2].kind); nothing is imported then.

Example:
  loader import --gazetteer watchlist.yaml ~/news/
`

// newGazetteerTopic is "loader help gazetteer": a help topic, not a command
// (cobra lists it under "Additional help topics").
func newGazetteerTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "gazetteer",
		Short: "The analysts' watch-list format (--gazetteer)",
		Long:  gazetteerHelp,
	}
}
