# Extracts (code, term) pairs from the CDC/NCHS ICD-10-CM FY2017 alphabetic index XML: each main
# term and its first-level subterms that carry a code, nonessential modifiers (<nemod>) dropped.
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def title(e):
    t = e.find('title')
    if t is None: return ''
    parts = [t.text or '']
    for c in t:
        if c.tag != 'nemod': parts.append(c.text or '')
        parts.append(c.tail or '')
    return ' '.join(''.join(parts).split())
out = []
for letter in root.iter('letter'):
    for main in letter.findall('mainTerm'):
        mt = title(main).rstrip(',')
        code = main.findtext('code')
        if code and mt:
            out.append(f"{code.replace('.', '').replace('-', '')}\t{mt}")
        for sub in main.findall('term'):
            st = title(sub)
            sc = sub.findtext('code')
            if sc and st:
                out.append(f"{sc.replace('.', '').replace('-', '')}\t{st} {mt.split(',')[0]}")
sys.stdout.write("\n".join(out) + "\n")
