# Extracts (code, inclusion term) pairs from the CDC/NCHS ICD-10-CM FY2017 tabular XML.
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
out = []
for diag in root.iter('diag'):
    code = diag.findtext('name').replace('.', '')
    for inc in diag.findall('inclusionTerm'):
        for note in inc.findall('note'):
            t = ' '.join((note.text or '').split())
            if t:
                out.append(f"{code}\t{t}")
sys.stdout.write("\n".join(out) + "\n")
