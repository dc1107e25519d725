# Proceedings (ro): rolurile suspecților, acuzații, termene, verdicte, pedepse, cronologia cazului.
proceedings-title = Suspecți și procedura penală
proceedings-link = Suspecți și procedura penală
proceedings-suspects = Suspecți
proceedings-no-suspects = Încă nu există suspecți în acest caz. Adăugați persoane cu rolul „suspect” pe pagina cazului.
proceedings-roles = Roluri în procesul de trafic
proceedings-no-roles = niciunul înregistrat
proceedings-set-roles = Stabiliți rolurile
proceedings-roles-help = Roluri (HTCDS „rol în proces”; alegeți toate cele potrivite)
proceedings-save-roles = Salvați rolurile
proceedings-role-TravellingPartner = Însoțitor de călătorie
proceedings-role-Transporter = Transportator
proceedings-role-RecruiterOrIntermediary = Recrutor sau intermediar
proceedings-role-BrokerTravelAgent = Intermediar sau agent de turism
proceedings-role-TransferredIndividual = A transferat persoana
proceedings-role-HarbouredIndividual = A adăpostit persoana
proceedings-role-SoldIndividual = A vândut persoana
proceedings-role-BoughtIndividual = A cumpărat persoana
proceedings-role-ReceivedIndividual = A primit persoana
proceedings-role-ControlledIndividual = A controlat persoana
proceedings-role-Smuggler = Călăuză (trafic de migranți)
proceedings-role-Abuser = Abuzator
proceedings-role-Kidnapper = Răpitor
proceedings-role-Exploiter = Exploatator
proceedings-role-Controller = Coordonator (conduce operațiunea)
proceedings-role-Financier = Finanțator
proceedings-role-Other = Altul
proceedings-charges = Acuzații
proceedings-no-charges = Încă nu a fost formulată nicio acuzație.
proceedings-suspect = Suspect
proceedings-law = Legea
proceedings-section = Articol sau secțiune
proceedings-counts = Capete de acuzare
proceedings-filed-on = Data formulării
proceedings-note = Notă
proceedings-add-charge = Formulați o acuzație
proceedings-hearings = Termene de judecată
proceedings-no-hearings = Niciun termen înregistrat.
proceedings-add-case-hearing = Înregistrați un termen al întregului caz
proceedings-case-hearings = Termene ale întregului caz
proceedings-date = Data
proceedings-kind = Tip
proceedings-court = Instanța
proceedings-hearing-outcome = Ce s-a întâmplat
proceedings-add-hearing = Înregistrați un termen
proceedings-kind-first_appearance = Prima înfățișare
proceedings-kind-preliminary = Cameră preliminară
proceedings-kind-bail = Măsuri preventive
proceedings-kind-trial = Judecată
proceedings-kind-sentencing = Pronunțarea pedepsei
proceedings-kind-appeal = Apel
proceedings-kind-other = Altul
proceedings-verdict = Verdict
proceedings-no-verdict = Încă niciun verdict.
proceedings-add-verdict = Înregistrați verdictul
proceedings-outcome-convicted = Condamnat
proceedings-outcome-acquitted = Achitat
proceedings-outcome-dismissed = Respins
proceedings-outcome-withdrawn = Retras
proceedings-sentence = Pedeapsa
proceedings-add-sentence = Înregistrați pedeapsa
proceedings-prison-months = Închisoare (luni)
proceedings-suspended = Cu suspendare
proceedings-fine = Amendă
proceedings-currency = Moneda (cod ISO, de ex. RON, EUR, GBP)
proceedings-restitution = Despăgubiri
proceedings-restitution-to = Despăgubiri pentru { $name }
proceedings-sentence-date = Data pedepsei (gol: data verdictului)
proceedings-no-prison = Fără pedeapsă cu închisoarea
proceedings-prison = { $months } luni de închisoare
proceedings-prison-suspended = { $months } luni de închisoare, cu suspendare
proceedings-erased = (șters)
proceedings-error-conflict = Acest lucru a fost deja înregistrat: o acuzație are un singur verdict definitiv, iar un verdict o singură pedeapsă.
timeline-link = Cronologie
timeline-title = Cronologia cazului
timeline-empty = Încă nimic datat în acest caz.
timeline-kind-report = Sesizare
timeline-kind-decision = Identificare
timeline-kind-evidence = Probă
timeline-kind-custody = Custodie
timeline-kind-charge = Acuzație
timeline-kind-hearing = Termen
timeline-kind-verdict = Verdict
timeline-kind-sentence = Pedeapsă
timeline-report = Sesizare primită ({ $channel })
timeline-referral = Trimis spre identificare: { $person }
timeline-reasonable-grounds = Decizie pe motive rezonabile, { $outcome ->
    [positive] pozitivă
   *[other] negativă
 }: { $person }
timeline-conclusive-grounds = Decizie pe motive concludente, { $outcome ->
    [positive] pozitivă
   *[other] negativă
 }: { $person }
timeline-evidence-intake = Probă primită: { $file } (SHA-256 { $sha }…)
timeline-evidence-transfer = Proba { $file } predată lui { $to } de { $from }
timeline-evidence-verified = Proba { $file } verificată: { $outcome ->
    [ok] corespunde amprentei de la primire
   *[other] EȘEC ({ $outcome })
 }
timeline-charge = Acuzare: { $law } { $section }, capete de acuzare: { $counts } — { $suspect }
timeline-hearing = Termen ({ $kind ->
    [first_appearance] prima înfățișare
    [preliminary] cameră preliminară
    [bail] măsuri preventive
    [trial] judecată
    [sentencing] pronunțarea pedepsei
    [appeal] apel
   *[other] altul
 }) la { $court }
timeline-hearing-outcome = Termen ({ $kind ->
    [first_appearance] prima înfățișare
    [preliminary] cameră preliminară
    [bail] măsuri preventive
    [trial] judecată
    [sentencing] pronunțarea pedepsei
    [appeal] apel
   *[other] altul
 }) la { $court }: { $outcome }
timeline-verdict = Verdict: { $outcome ->
    [convicted] condamnare
    [acquitted] achitare
    [dismissed] respingere
   *[withdrawn] retragere
 } — { $law } { $section } — { $suspect }
timeline-sentence = Pedeapsă: { $prison ->
    [none] fără închisoare
   *[other] { $prison } luni de închisoare
 }{ $suspended ->
    [yes] {", cu suspendare"}
   *[no] {""}
 }{ $fine ->
    [none] {""}
   *[other] {"; amendă "}{ $fine }
 }{ $restitution ->
    [none] {""}
   *[other] {"; despăgubiri pentru "}{ $restitution }
 }
timeline-kind-operation = Operațiune
timeline-kind-referral = Referire
timeline-operation-planned = Operațiune planificată: { $name }
timeline-operation-executed = Operațiune desfășurată: { $name } — persoane aduse în siguranță: { $people }
timeline-operation-cancelled = Operațiune anulată: { $name }
timeline-referral-made = { $kind ->
    [transfer] Transferul
   *[other] Referirea
} persoanei { $person } către { $partner } ({ $status ->
    [requested] cerută
    [accepted] acceptată
    [rejected] respinsă
    [done] încheiată
   *[other] retrasă
})
