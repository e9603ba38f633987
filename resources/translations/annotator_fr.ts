<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation>Suivre le &amp;système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>&amp;Contraste élevé</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>Auteur&#xa0;:</translation>
    </message>
    <message>
        <source>Who wrote it</source>
        <translation>Qui l’a écrit</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source&#xa0;:</translation>
    </message>
    <message>
        <source>Publication or outlet</source>
        <translation>Publication ou média</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL&#xa0;:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Créé&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc&#xa0;:</translation>
    </message>
    <message>
        <source>Message-ID:</source>
        <translation>Message-ID&#xa0;:</translation>
    </message>
    <message>
        <source>Properties of “{title}”</source>
        <translation>Propriétés de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre&#xa0;:</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>Pages&#xa0;:</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Pièces jointes&#xa0;:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>A document title cannot be empty.</source>
        <translation>Le titre d’un document ne peut pas être vide.</translation>
    </message>
    <message>
        <source>“{text}” is not a date: write it as YYYY-MM-DD.</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas une date&#xa0;: écrivez-la sous la forme AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>Edit document properties</source>
        <translation>Modifier les propriétés du document</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>Ouvrez d’abord un document.</translation>
    </message>
    <message>
        <source>Native JSON Lines (lossless, for re-import)</source>
        <translation>JSON Lines natif (sans perte, pour réimporter)</translation>
    </message>
    <message>
        <source>CSV spreadsheet (one row per span)</source>
        <translation>Tableur CSV (une ligne par segment)</translation>
    </message>
    <message>
        <source>brat standoff (folder of .txt and .ann)</source>
        <translation>brat standoff (dossier de .txt et .ann)</translation>
    </message>
    <message>
        <source>CoNLL (tokens with IOB2 tags)</source>
        <translation>CoNLL (mots avec étiquettes IOB2)</translation>
    </message>
    <message>
        <source>W3C Web Annotation (JSON-LD)</source>
        <translation>W3C Web Annotation (JSON-LD)</translation>
    </message>
    <message>
        <source>spaCy DocBin (.spacy)</source>
        <translation>DocBin spaCy (.spacy)</translation>
    </message>
    <message>
        <source>Label Studio JSON (tasks with annotations)</source>
        <translation>JSON Label Studio (tâches avec annotations)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Current document only</source>
        <translation>Document ouvert seulement</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format&#xa0;:</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>Écrire dans&#xa0;:</translation>
    </message>
    <message>
        <source>Statuses:</source>
        <translation>Statuts&#xa0;:</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotateurs</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Nothing checked in a list means no filter there. brat writes a folder; the others a file.</source>
        <translation>Rien de coché dans une liste&#xa0;: pas de filtre sur celle-ci. brat écrit un dossier&#xa0;; les autres formats, un fichier.</translation>
    </message>
    <message>
        <source>Export brat files into</source>
        <translation>Exporter les fichiers brat dans</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Choose where to write the export.</source>
        <translation>Choisissez où écrire l’export.</translation>
    </message>
    <message>
        <source>Choose at least one status to export.</source>
        <translation>Choisissez au moins un statut à exporter.</translation>
    </message>
    <message>
        <source>{path} is a file: brat writes a folder of .txt and .ann files.</source>
        <translation>{path} est un fichier&#xa0;: brat écrit un dossier de fichiers .txt et .ann.</translation>
    </message>
    <message>
        <source>{path} is a folder: choose a file name for the {format} export.</source>
        <translation>{path} est un dossier&#xa0;: choisissez un nom de fichier pour l’export {format}.</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export annulé</translation>
    </message>
    <message>
        <source>The export could not be written: {reason}</source>
        <translation>L’export n’a pas pu être écrit&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>The export could not be written: {reason} ({path})</source>
        <translation>L’export n’a pas pu être écrit&#xa0;: {reason} ({path})</translation>
    </message>
    <message numerus="yes">
        <source>The folder {path} already holds a brat export (%n file(s)): replace its files?</source>
        <translation>
            <numerusform>Le dossier {path} contient déjà un export brat (%n fichier)&#xa0;: remplacer ses fichiers&#xa0;?</numerusform>
            <numerusform>Le dossier {path} contient déjà un export brat (%n fichiers)&#xa0;: remplacer ses fichiers&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>{path} already exists. Replace it with this export?</source>
        <translation>{path} existe déjà. Le remplacer par cet export&#xa0;?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Not exported: choose another name, or confirm replacing the existing one.</source>
        <translation>Rien n’a été exporté&#xa0;: choisissez un autre nom, ou confirmez le remplacement du fichier existant.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <source>Exporting document {done} of {total}…</source>
        <translation>Export du document {done} sur {total}…</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message>
        <source>{headline} ({warnings}) to:</source>
        <translation>{headline} ({warnings}) dans&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Snap selections to whole words</source>
        <translation>Étendre les sélections aux mots entiers</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>The language changes the next time the app starts.</source>
        <translation>La langue change au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <source>Your name on new spans:</source>
        <translation>Votre nom sur les nouveaux segments&#xa0;:</translation>
    </message>
    <message>
        <source>spaCy model for NER suggestions:</source>
        <translation>Modèle spaCy pour les suggestions d’entités nommées&#xa0;:</translation>
    </message>
    <message>
        <source>Spans you already made keep the name they were made with.</source>
        <translation>Les segments déjà créés gardent le nom sous lequel ils l’ont été.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Preferences saved; the new language takes effect when the app next starts</source>
        <translation>Préférences enregistrées&#xa0;; la nouvelle langue s’appliquera au prochain démarrage</translation>
    </message>
    <message>
        <source>Preferences saved</source>
        <translation>Préférences enregistrées</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Find in document</source>
        <translation>Chercher dans le document</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Occurrence précédente (Maj+Entrée, Maj+F3)</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Occurrence suivante (Entrée, F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message numerus="yes">
        <source>%n [match|matches]</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;Document</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>suggéré</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepté</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <source>unreviewed</source>
        <translation>non relu</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Search all documents  (Ctrl+Shift+F)</source>
        <translation>Chercher dans tous les documents  (Ctrl+Maj+F)</translation>
    </message>
    <message numerus="yes">
        <source>Search — %n result(s)</source>
        <translation>
            <numerusform>Recherche — %n résultat</numerusform>
            <numerusform>Recherche — %n résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>Import documents or annotation sets</source>
        <translation>Importer des documents ou des jeux d’annotations</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>Importer un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>&amp;Backup copy…</source>
        <translation>Copie de &amp;sauvegarde…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>Chercher dans tous les documents</translation>
    </message>
    <message>
        <source>Full-text search</source>
        <translation>Recherche en texte intégral</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Marquer comme &amp;terminé</translation>
    </message>
    <message>
        <source>Set value {n} of the selected span&apos;s first attribute</source>
        <translation>Donner la valeur {n} au premier attribut du segment sélectionné</translation>
    </message>
    <message>
        <source>Create a new project file in a window of its own</source>
        <translation>Créer un nouveau fichier de projet dans une fenêtre à part</translation>
    </message>
    <message>
        <source>Open another project file</source>
        <translation>Ouvrir un autre fichier de projet</translation>
    </message>
    <message>
        <source>Open &amp;team project…</source>
        <translation>Ouvrir un projet d’é&amp;quipe…</translation>
    </message>
    <message>
        <source>Open a shared project on a team server (PostgreSQL)</source>
        <translation>Ouvrir un projet partagé sur un serveur d’équipe (PostgreSQL)</translation>
    </message>
    <message>
        <source>Import every document and annotation set of a folder</source>
        <translation>Importer tous les documents et jeux d’annotations d’un dossier</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Exporter les annotations</translation>
    </message>
    <message>
        <source>Write a consistent copy of the project</source>
        <translation>Écrire une copie cohérente du projet</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>Undo the last edit, in any document</source>
        <translation>Annuler la dernière modification, quel que soit le document</translation>
    </message>
    <message>
        <source>Redo the last undone edit</source>
        <translation>Rétablir la dernière modification annulée</translation>
    </message>
    <message>
        <source>Full-text search over every document</source>
        <translation>Recherche en texte intégral dans tous les documents</translation>
    </message>
    <message>
        <source>Edit the preferences</source>
        <translation>Modifier les préférences</translation>
    </message>
    <message>
        <source>Rename the document</source>
        <translation>Renommer le document</translation>
    </message>
    <message>
        <source>Mark the document done</source>
        <translation>Marquer le document comme terminé</translation>
    </message>
    <message>
        <source>Mark the document done, or not done</source>
        <translation>Marquer le document comme terminé, ou non terminé</translation>
    </message>
    <message>
        <source>Delete the document and its spans (undoable)</source>
        <translation>Supprimer le document et ses segments (annulable)</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>Document &amp;suivant</translation>
    </message>
    <message>
        <source>Open the next document of the list</source>
        <translation>Ouvrir le document suivant de la liste</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>Document &amp;précédent</translation>
    </message>
    <message>
        <source>Open the previous document of the list</source>
        <translation>Ouvrir le document précédent de la liste</translation>
    </message>
    <message>
        <source>Next &amp;span</source>
        <translation>S&amp;egment suivant</translation>
    </message>
    <message>
        <source>Select the next span</source>
        <translation>Sélectionner le segment suivant</translation>
    </message>
    <message>
        <source>Previous s&amp;pan</source>
        <translation>Segme&amp;nt précédent</translation>
    </message>
    <message>
        <source>Select the previous span</source>
        <translation>Sélectionner le segment précédent</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texte plus petit</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Taille normale</translation>
    </message>
    <message>
        <source>Text at its normal size</source>
        <translation>Texte à sa taille normale</translation>
    </message>
    <message>
        <source>Show spans &amp;of</source>
        <translation>Afficher les segments &amp;de</translation>
    </message>
    <message>
        <source>&amp;Everyone</source>
        <translation>&amp;Tout le monde</translation>
    </message>
    <message>
        <source>Show everyone&apos;s spans</source>
        <translation>Afficher les segments de tout le monde</translation>
    </message>
    <message>
        <source>&amp;Mine</source>
        <translation>&amp;Moi</translation>
    </message>
    <message>
        <source>Show only my spans</source>
        <translation>Afficher seulement mes segments</translation>
    </message>
    <message>
        <source>&amp;One annotator…</source>
        <translation>&amp;Un annotateur…</translation>
    </message>
    <message>
        <source>Show the spans of one annotator</source>
        <translation>Afficher les segments d’un annotateur</translation>
    </message>
    <message>
        <source>&amp;Find in document…</source>
        <translation>&amp;Chercher dans le document…</translation>
    </message>
    <message>
        <source>Find text in the document</source>
        <translation>Chercher du texte dans le document</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation>Aller à l’occurrence suivante</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <source>Go to the previous match</source>
        <translation>Aller à l’occurrence précédente</translation>
    </message>
    <message>
        <source>Next &amp;pane</source>
        <translation>&amp;Volet suivant</translation>
    </message>
    <message>
        <source>Move the focus to the next pane</source>
        <translation>Passer au volet suivant</translation>
    </message>
    <message>
        <source>Previous pa&amp;ne</source>
        <translation>V&amp;olet précédent</translation>
    </message>
    <message>
        <source>Move the focus to the previous pane</source>
        <translation>Passer au volet précédent</translation>
    </message>
    <message>
        <source>&amp;Reader</source>
        <translation>&amp;Lecteur</translation>
    </message>
    <message>
        <source>Back to the reader from a workspace</source>
        <translation>Revenir au lecteur depuis un espace de travail</translation>
    </message>
    <message>
        <source>&amp;Views panel</source>
        <translation>Panneau des &amp;vues</translation>
    </message>
    <message>
        <source>Show or hide the views panel</source>
        <translation>Afficher ou masquer le panneau des vues</translation>
    </message>
    <message>
        <source>Follow the system&apos;s light or dark colours</source>
        <translation>Suivre les couleurs claires ou sombres du système</translation>
    </message>
    <message>
        <source>Dark text on a light background</source>
        <translation>Texte sombre sur fond clair</translation>
    </message>
    <message>
        <source>Light text on a dark background</source>
        <translation>Texte clair sur fond sombre</translation>
    </message>
    <message>
        <source>The strongest contrast, for low vision</source>
        <translation>Le contraste le plus fort, pour la malvoyance</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Lister tous les raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About annotator</source>
        <translation>À &amp;propos d’annotator</translation>
    </message>
    <message>
        <source>Transfers workspace</source>
        <translation>Espace Transferts</translation>
    </message>
    <message>
        <source>Show the Transfers workspace</source>
        <translation>Afficher l’espace Transferts</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Annoter</translation>
    </message>
    <message>
        <source>Tag the selected text (reader)</source>
        <translation>Annoter le texte sélectionné (lecteur)</translation>
    </message>
    <message>
        <source>Tag exactly</source>
        <translation>Annoter exactement</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Larger text (reader)</source>
        <translation>Texte plus grand (lecteur)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Smaller text (reader)</source>
        <translation>Texte plus petit (lecteur)</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>Effacer la sélection</translation>
    </message>
    <message>
        <source>Clear the text selection (reader)</source>
        <translation>Désélectionner le texte (lecteur)</translation>
    </message>
    <message>
        <source>Go to the span</source>
        <translation>Aller au segment</translation>
    </message>
    <message>
        <source>Accept the selected suggestion (span table)</source>
        <translation>Accepter la suggestion sélectionnée (tableau des segments)</translation>
    </message>
    <message>
        <source>Reject the selected suggestion (span table)</source>
        <translation>Rejeter la suggestion sélectionnée (tableau des segments)</translation>
    </message>
    <message>
        <source>Delete the span, undoably (span table)</source>
        <translation>Supprimer le segment, de façon annulable (tableau des segments)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Approve the current span and go to the next (review queue)</source>
        <translation>Approuver le segment courant et passer au suivant (file de relecture)</translation>
    </message>
    <message>
        <source>Reject the current span and go to the next (review queue)</source>
        <translation>Rejeter le segment courant et passer au suivant (file de relecture)</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Corriger</translation>
    </message>
    <message>
        <source>Give the current span its right label, then approve it (review queue)</source>
        <translation>Donner au segment courant sa bonne catégorie, puis l’approuver (file de relecture)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Write the current span&apos;s review comment (review queue)</source>
        <translation>Écrire le commentaire de relecture du segment courant (file de relecture)</translation>
    </message>
    <message>
        <source>Open in the reader</source>
        <translation>Ouvrir dans le lecteur</translation>
    </message>
    <message>
        <source>Open the transfer in the reader (transfers table)</source>
        <translation>Ouvrir le transfert dans le lecteur (tableau des transferts)</translation>
    </message>
    <message>
        <source>Link the missing party</source>
        <translation>Lier la partie manquante</translation>
    </message>
    <message>
        <source>Link the transfer&apos;s missing supplier, recipient or amount (transfers table)</source>
        <translation>Lier le fournisseur, le destinataire ou la quantité qui manque au transfert (tableau des transferts)</translation>
    </message>
    <message>
        <source>Zoom in (transfers map)</source>
        <translation>Zoom avant (carte des transferts)</translation>
    </message>
    <message>
        <source>Zoom out (transfers map)</source>
        <translation>Zoom arrière (carte des transferts)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Show the whole map (transfers map)</source>
        <translation>Montrer toute la carte (carte des transferts)</translation>
    </message>
    <message>
        <source>Wheel, drag</source>
        <translation>Molette, glisser</translation>
    </message>
    <message>
        <source>Zoom; pan (background) or move a node, kept in the project (transfers map)</source>
        <translation>Zoomer&#xa0;; déplacer la vue (fond) ou un nœud, gardé dans le projet (carte des transferts)</translation>
    </message>
    <message>
        <source>Delete the link</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <source>Delete the selected link, undoably (links view)</source>
        <translation>Supprimer le lien sélectionné, de façon annulable (vue des liens)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <source>Go to the next match (find bar)</source>
        <translation>Aller à l’occurrence suivante (barre de recherche)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <source>Go to the previous match (find bar)</source>
        <translation>Aller à l’occurrence précédente (barre de recherche)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the find bar and go back to the text (find bar)</source>
        <translation>Fermer la barre de recherche et revenir au texte (barre de recherche)</translation>
    </message>
    <message>
        <source>Clear the period</source>
        <translation>Effacer la période</translation>
    </message>
    <message>
        <source>Clear the chosen period (transfers timeline)</source>
        <translation>Effacer la période choisie (chronologie des transferts)</translation>
    </message>
    <message>
        <source>Tag the selection as {name}, or relabel the selected span (reader)</source>
        <translation>Annoter la sélection comme {name}, ou recatégoriser le segment sélectionné (lecteur)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>There is no document {id}</source>
        <translation>Il n’y a pas de document {id}</translation>
    </message>
    <message>
        <source>Save a copy elsewhere…</source>
        <translation>Enregistrer une copie ailleurs…</translation>
    </message>
    <message>
        <source>Not done: this span was deleted elsewhere</source>
        <translation>Rien n’a été fait&#xa0;: ce segment a été supprimé ailleurs</translation>
    </message>
    <message>
        <source>Not done: this link was deleted elsewhere</source>
        <translation>Rien n’a été fait&#xa0;: ce lien a été supprimé ailleurs</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Le disque est plein</translation>
    </message>
    <message>
        <source>The project file is read-only</source>
        <translation>Le fichier de projet est en lecture seule</translation>
    </message>
    <message>
        <source>The project is busy: another program is holding it</source>
        <translation>Le projet est occupé&#xa0;: un autre programme le retient</translation>
    </message>
    <message>
        <source>The project file is damaged or is not a project</source>
        <translation>Le fichier de projet est endommagé ou n’est pas un projet</translation>
    </message>
    <message>
        <source>The project was written by a newer version of annotator</source>
        <translation>Le projet a été écrit par une version plus récente d’annotator</translation>
    </message>
    <message>
        <source>The project file was moved, deleted or replaced</source>
        <translation>Le fichier de projet a été déplacé, supprimé ou remplacé</translation>
    </message>
    <message>
        <source>The project file cannot be written</source>
        <translation>Le fichier de projet ne peut pas être écrit</translation>
    </message>
    <message>
        <source>Not done: {what}; it was deleted elsewhere</source>
        <translation>Rien n’a été fait&#xa0;: {what}&#xa0;; supprimé ailleurs</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>La modification n’a pas été faite</translation>
    </message>
    <message>
        <source>The project refused the change: {reason}</source>
        <translation>Le projet a refusé la modification&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>Erreur inattendue&#xa0;: {error}</translation>
    </message>
    <message>
        <source>That edit cannot be undone any more</source>
        <translation>Cette modification ne peut plus être annulée</translation>
    </message>
    <message>
        <source>“{edit}” cannot be undone: {reason}

It was skipped; the project is unchanged.</source>
        <translation>«&#xa0;{edit}&#xa0;» ne peut pas être annulé&#xa0;: {reason}

Cette étape a été sautée&#xa0;; le projet est inchangé.</translation>
    </message>
    <message>
        <source>That edit cannot be redone any more</source>
        <translation>Cette modification ne peut plus être rétablie</translation>
    </message>
    <message>
        <source>“{edit}” cannot be redone: {reason}

It was skipped; the project is unchanged.</source>
        <translation>«&#xa0;{edit}&#xa0;» ne peut pas être rétabli&#xa0;: {reason}

Cette étape a été sautée&#xa0;; le projet est inchangé.</translation>
    </message>
    <message numerus="yes">
        <source>(%n of its spans were deleted elsewhere and stay so)</source>
        <translation>
            <numerusform>(%n de ses segments a été supprimé ailleurs et le reste)</numerusform>
            <numerusform>(%n de ses segments ont été supprimés ailleurs et le restent)</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: {edit}</source>
        <translation>Annulé&#xa0;: {edit}</translation>
    </message>
    <message>
        <source>Redone: {edit}</source>
        <translation>Rétabli&#xa0;: {edit}</translation>
    </message>
    <message>
        <source>Cannot read the project: {error}</source>
        <translation>Impossible de lire le projet&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>{headline}. The last change was not saved.

{reason}</source>
        <translation>{headline}. La dernière modification n’a pas été enregistrée.

{reason}</translation>
    </message>
    <message>
        <source>Everything saved before is still in the project file. You can go on reading, save a copy of the project elsewhere, and continue there once the problem is solved.</source>
        <translation>Tout ce qui a été enregistré auparavant est toujours dans le fichier de projet. Vous pouvez continuer à lire, enregistrer une copie du projet ailleurs, et reprendre le travail dans celle-ci une fois le problème résolu.</translation>
    </message>
    <message>
        <source>Save a copy of the project</source>
        <translation>Enregistrer une copie du projet</translation>
    </message>
    <message>
        <source>The copy could not be written</source>
        <translation>La copie n’a pas pu être écrite</translation>
    </message>
    <message>
        <source>Copy saved to {path}</source>
        <translation>Copie enregistrée dans {path}</translation>
    </message>
    <message>
        <source>Copy saved</source>
        <translation>Copie enregistrée</translation>
    </message>
    <message>
        <source>A copy of the project was saved to
{path}

Open it with File → Open project.</source>
        <translation>Une copie du projet a été enregistrée dans
{path}

Ouvrez-la avec Fichier → Ouvrir un projet.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>{path} is open read-only: edits cannot be saved</source>
        <translation>{path} est ouvert en lecture seule&#xa0;: les modifications ne peuvent pas être enregistrées</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Every edit is saved at once to {path}</source>
        <translation>Chaque modification est aussitôt enregistrée dans {path}</translation>
    </message>
    <message>
        <source>Last change not saved</source>
        <translation>Dernière modification non enregistrée</translation>
    </message>
    <message>
        <source>{label}{status}: “{text}” by {annotator}{note}</source>
        <translation>{label}{status}&#xa0;: «&#xa0;{text}&#xa0;» par {annotator}{note}</translation>
    </message>
    <message>
        <source>No document open</source>
        <translation>Aucun document ouvert</translation>
    </message>
    <message>
        <source>  ✓ done</source>
        <translation>  ✓ terminé</translation>
    </message>
    <message>
        <source>{spans} ({mine} mine)</source>
        <translation>{spans} (dont {mine} à moi)</translation>
    </message>
    <message>
        <source>{file} is read-only: you can read it, but edits cannot be saved. File → Backup copy makes a copy you can work on.</source>
        <translation>{file} est en lecture seule&#xa0;: vous pouvez le lire, mais les modifications ne peuvent pas être enregistrées. Fichier → Copie de sauvegarde en fait une copie sur laquelle travailler.</translation>
    </message>
    <message>
        <source>Project upgraded; the file as it was is kept in {path}</source>
        <translation>Projet mis à niveau&#xa0;; le fichier tel qu’il était est conservé dans {path}</translation>
    </message>
    <message>
        <source>⚠ Network share: safe mode</source>
        <translation>⚠ Partage réseau&#xa0;: mode sûr</translation>
    </message>
    <message>
        <source>{path} is on a network share ({share}): opened in safe mode, one program at a time (rollback journal, exclusive lock); for a team, use a team server (annotator team)</source>
        <translation>{path} est sur un partage réseau ({share})&#xa0;: ouvert en mode sûr, un programme à la fois (journal d’annulation, verrou exclusif)&#xa0;; pour une équipe, utilisez un serveur d’équipe (annotator team)</translation>
    </message>
    <message>
        <source>Open a document first</source>
        <translation>Ouvrez d’abord un document</translation>
    </message>
    <message>
        <source>Relabel “{text}” as {label}</source>
        <translation>Recatégoriser «&#xa0;{text}&#xa0;» comme {label}</translation>
    </message>
    <message>
        <source>Select some text to tag, or a span to relabel</source>
        <translation>Sélectionnez du texte à annoter, ou un segment à recatégoriser</translation>
    </message>
    <message>
        <source>This document has no spans</source>
        <translation>Ce document n’a aucun segment</translation>
    </message>
    <message>
        <source>No more spans in this direction</source>
        <translation>Plus de segment dans cette direction</translation>
    </message>
    <message>
        <source>Showing everyone&apos;s spans</source>
        <translation>Segments de tout le monde affichés</translation>
    </message>
    <message>
        <source>Showing the spans of {who}</source>
        <translation>Segments de {who} affichés</translation>
    </message>
    <message>
        <source>Nobody has made spans yet</source>
        <translation>Personne n’a encore créé de segment</translation>
    </message>
    <message>
        <source>Show spans of</source>
        <translation>Afficher les segments de</translation>
    </message>
    <message>
        <source>Annotator:</source>
        <translation>Annotateur&#xa0;:</translation>
    </message>
    <message>
        <source>Rename document</source>
        <translation>Renommer le document</translation>
    </message>
    <message>
        <source>the span was changed meanwhile, by another window or program; that change is kept</source>
        <translation>le segment a été modifié entre-temps, par une autre fenêtre ou un autre programme&#xa0;; cette modification est conservée</translation>
    </message>
    <message>
        <source>the link was changed meanwhile, by another window or program; that change is kept</source>
        <translation>le lien a été modifié entre-temps, par une autre fenêtre ou un autre programme&#xa0;; cette modification est conservée</translation>
    </message>
    <message>
        <source>Tag “{text}” as {label}</source>
        <translation>Annoter «&#xa0;{text}&#xa0;» comme {label}</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n span(s)</source>
        <translation>
            <numerusform>Supprimer %n segment</numerusform>
            <numerusform>Supprimer %n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete “{text}”</source>
        <translation>Supprimer «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Edit span</source>
        <translation>Modifier le segment</translation>
    </message>
    <message>
        <source>Link as {role}</source>
        <translation>Lier comme {role}</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>Modifier le lien</translation>
    </message>
    <message>
        <source>Set {name}</source>
        <translation>Fixer {name}</translation>
    </message>
    <message>
        <source>Edit document</source>
        <translation>Modifier le document</translation>
    </message>
    <message>
        <source>Delete document</source>
        <translation>Supprimer le document</translation>
    </message>
    <message>
        <source>Merge “{merged}” into “{kept}”</source>
        <translation>Fusionner «&#xa0;{merged}&#xa0;» dans «&#xa0;{kept}&#xa0;»</translation>
    </message>
    <message>
        <source>Rename “{title}”</source>
        <translation>Renommer «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Delete “{title}” and its {spans}?

You can undo this with Edit → Undo.</source>
        <translation>Supprimer «&#xa0;{title}&#xa0;» et ses {spans}&#xa0;?

Vous pourrez l’annuler avec Édition → Annuler.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Mark “{title}” done</source>
        <translation>Marquer «&#xa0;{title}&#xa0;» comme terminé</translation>
    </message>
    <message>
        <source>Mark “{title}” not done</source>
        <translation>Marquer «&#xa0;{title}&#xa0;» comme non terminé</translation>
    </message>
    <message>
        <source>No more documents in this direction</source>
        <translation>Plus de document dans cette direction</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>Une importation est déjà en cours</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Importing {n} of {total}: {name}</source>
        <translation>Importation {n} sur {total}&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>L’importation a échoué</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>Rien n’a été importé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Unexpected error, please report it: {error}</source>
        <translation>Erreur inattendue, merci de la signaler&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{summary}

Not imported, or imported with a warning:
{lines}</source>
        <translation>{summary}

Non importé, ou importé avec un avertissement&#xa0;:
{lines}</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Importer un dossier</translation>
    </message>
    <message>
        <source>Exporting is not available: {error}</source>
        <translation>L’export n’est pas disponible&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Backup copy</source>
        <translation>Copie de sauvegarde</translation>
    </message>
    <message>
        <source>The backup could not be written</source>
        <translation>La sauvegarde n’a pas pu être écrite</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Sauvegarde écrite dans {path}</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Impossible d’ouvrir le projet</translation>
    </message>
    <message>
        <source>The file was left untouched. You can open another project or create a new one.</source>
        <translation>Le fichier n’a pas été modifié. Vous pouvez ouvrir un autre projet ou en créer un nouveau.</translation>
    </message>
    <message>
        <source>Open another project…</source>
        <translation>Ouvrir un autre projet…</translation>
    </message>
    <message>
        <source>Create a new project…</source>
        <translation>Créer un nouveau projet…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Annotator projects (*.db);;All files (*)</source>
        <translation>Projets annotator (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>Annotator projects (*.db)</source>
        <translation>Projets annotator (*.db)</translation>
    </message>
    <message>
        <source>The default project could not be opened.

{reason}</source>
        <translation>Le projet par défaut n’a pas pu être ouvert.

{reason}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Aucun projet récent</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>La recherche a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{path} already exists: use File → Open project to open it.</source>
        <translation>{path} existe déjà&#xa0;: utilisez Fichier → Ouvrir un projet pour l’ouvrir.</translation>
    </message>
    <message>
        <source>Cannot create the folder {folder}: {error}</source>
        <translation>Impossible de créer le dossier {folder}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>This file could not be opened as a project.

{reason}

The file was left untouched.</source>
        <translation>Ce fichier n’a pas pu être ouvert comme projet.

{reason}

Le fichier n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>Zoom {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Normal size</source>
        <translation>Taille normale</translation>
    </message>
    <message>
        <source>Go to the span (span table)</source>
        <translation>Aller au segment (tableau des segments)</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>À propos d’annotator</translation>
    </message>
    <message>
        <source>annotator {version}

Tag actors, transfers, quantities and assessments in articles.
Project: {path}</source>
        <translation>annotator {version}

Annoter les acteurs, transferts, quantités et appréciations dans des articles.
Projet&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Spans of this document</source>
        <translation>Segments de ce document</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Spans — {count}</source>
        <translation>Segments — {count}</translation>
    </message>
    <message>
        <source>Filter documents</source>
        <translation>Filtrer les documents</translation>
    </message>
    <message>
        <source>Tag as</source>
        <translation>Annoter comme</translation>
    </message>
    <message>
        <source> (key {key})</source>
        <translation> (touche {key})</translation>
    </message>
    <message>
        <source>Tag as {label}{key}</source>
        <translation>Annoter comme {label}{key}</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>1–9 (label hotkeys)</source>
        <translation>1–9 (touches des catégories)</translation>
    </message>
    <message>
        <source>Alt+label hotkey</source>
        <translation>Alt+touche de catégorie</translation>
    </message>
    <message>
        <source>Tag the selected text exactly as selected, without snapping to words (reader)</source>
        <translation>Annoter le texte tel qu’il est sélectionné, sans l’étendre aux mots (lecteur)</translation>
    </message>
    <message>
        <source>Shift+arrows</source>
        <translation>Maj+flèches</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Sélectionner du texte</translation>
    </message>
    <message>
        <source>Select text from the keyboard (reader)</source>
        <translation>Sélectionner du texte au clavier (lecteur)</translation>
    </message>
    <message>
        <source>Next span</source>
        <translation>Segment suivant</translation>
    </message>
    <message>
        <source>Select the next span (reader)</source>
        <translation>Sélectionner le segment suivant (lecteur)</translation>
    </message>
    <message>
        <source>Previous span</source>
        <translation>Segment précédent</translation>
    </message>
    <message>
        <source>Select the previous span (reader)</source>
        <translation>Sélectionner le segment précédent (lecteur)</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Clic</translation>
    </message>
    <message>
        <source>Click on a highlight</source>
        <translation>Clic sur un surlignage</translation>
    </message>
    <message>
        <source>Select its smallest span; click again to cycle through the spans there</source>
        <translation>Sélectionner son plus petit segment&#xa0;; cliquer encore pour passer d’un segment à l’autre à cet endroit</translation>
    </message>
    <message>
        <source>Clear the span selection (reader)</source>
        <translation>Désélectionner le segment (lecteur)</translation>
    </message>
    <message>
        <source>Version and project file</source>
        <translation>Version et fichier de projet</translation>
    </message>
    <message>
        <source>Make a document of the copied text (copied HTML is read as a web page)</source>
        <translation>Faire un document du texte copié (du HTML copié est lu comme une page web)</translation>
    </message>
    <message>
        <source>New document from the copied text</source>
        <translation>Nouveau document à partir du texte copié</translation>
    </message>
    <message>
        <source>The document&apos;s properties</source>
        <translation>Les propriétés du document</translation>
    </message>
    <message>
        <source>Link the selected span to another (Ctrl+L when a label&apos;s hotkey is L)</source>
        <translation>Lier le segment sélectionné à un autre (Ctrl+L quand la touche d’une catégorie est L)</translation>
    </message>
    <message>
        <source>Give the selected span a canonical entity (Ctrl+Shift+E when a label&apos;s hotkey is E)</source>
        <translation>Donner au segment sélectionné une entité canonique (Ctrl+Maj+E quand la touche d’une catégorie est E)</translation>
    </message>
    <message>
        <source>Open the document the trained suggester is least sure about</source>
        <translation>Ouvrir le document sur lequel le suggesteur entraîné est le moins sûr</translation>
    </message>
    <message>
        <source>Show the review queue in the views panel</source>
        <translation>Afficher la file de relecture dans le panneau des vues</translation>
    </message>
    <message>
        <source>Clear the first attribute</source>
        <translation>Effacer le premier attribut</translation>
    </message>
    <message>
        <source>Clear the selected span&apos;s first attribute</source>
        <translation>Effacer le premier attribut du segment sélectionné</translation>
    </message>
    <message>
        <source>Set the selected span&apos;s first attribute to value 1…9</source>
        <translation>Donner au premier attribut du segment sélectionné la valeur 1…9</translation>
    </message>
    <message>
        <source>Clear the span selection</source>
        <translation>Désélectionner le segment</translation>
    </message>
    <message>
        <source>Delete the span</source>
        <translation>Supprimer le segment</translation>
    </message>
    <message>
        <source>Delete the selected span (reader)</source>
        <translation>Supprimer le segment sélectionné (lecteur)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Start a word earlier</source>
        <translation>Commencer un mot plus tôt</translation>
    </message>
    <message>
        <source>Start a word later</source>
        <translation>Commencer un mot plus tard</translation>
    </message>
    <message>
        <source>End a word earlier</source>
        <translation>Finir un mot plus tôt</translation>
    </message>
    <message>
        <source>End a word later</source>
        <translation>Finir un mot plus tard</translation>
    </message>
    <message>
        <source>Relabel</source>
        <translation>Recatégoriser</translation>
    </message>
    <message>
        <source>Relabel the selected span (reader)</source>
        <translation>Recatégoriser le segment sélectionné (lecteur)</translation>
    </message>
    <message>
        <source>Edit the note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <source>Edit the note of the selected span (reader)</source>
        <translation>Modifier la note du segment sélectionné (lecteur)</translation>
    </message>
    <message>
        <source>Move the start of the selected span by one word (reader)</source>
        <translation>Déplacer le début du segment sélectionné d’un mot (lecteur)</translation>
    </message>
    <message>
        <source>Move the end of the selected span by one word (reader)</source>
        <translation>Déplacer la fin du segment sélectionné d’un mot (lecteur)</translation>
    </message>
    <message>
        <source>Accept the selected suggestion and go to the next one (reader)</source>
        <translation>Accepter la suggestion sélectionnée et passer à la suivante (lecteur)</translation>
    </message>
    <message>
        <source>Reject the selected suggestion and go to the next one (reader)</source>
        <translation>Rejeter la suggestion sélectionnée et passer à la suivante (lecteur)</translation>
    </message>
    <message>
        <source>The document text; select text and press a label key to tag it</source>
        <translation>Le texte du document&#xa0;; sélectionnez du texte et appuyez sur la touche d’une catégorie pour l’annoter</translation>
    </message>
    <message>
        <source>Tag selection as</source>
        <translation>Annoter la sélection comme</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>Recatégoriser comme</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>Modifier la note…</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Accepter la suggestion</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>Rejeter la suggestion</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>Supprimer le segment</translation>
    </message>
    <message>
        <source> — the project has changed since: Compute again to update</source>
        <translation> — le projet a changé depuis&#xa0;: Calculer à nouveau pour mettre à jour</translation>
    </message>
    <message>
        <source>The document of this disagreement was deleted since: Compute again</source>
        <translation>Le document de ce désaccord a été supprimé depuis&#xa0;: Calculer à nouveau</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <source>label</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>limites</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mixte</translation>
    </message>
    <message>
        <source>; </source>
        <translation>&#xa0;; </translation>
    </message>
    <message>
        <source>{label} “{text}”</source>
        <translation>{label} «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(rien)</translation>
    </message>
    <message>
        <source>Only the document in the reader</source>
        <translation>Seulement le document du lecteur</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>&amp;Calculer</translation>
    </message>
    <message>
        <source>Keep &amp;all</source>
        <translation>Tout &amp;garder</translation>
    </message>
    <message>
        <source>&amp;New version from the reader&apos;s selection…</source>
        <translation>&amp;Nouvelle version d’après la sélection du lecteur…</translation>
    </message>
    <message>
        <source>choose at least one label</source>
        <translation>choisissez au moins une catégorie</translation>
    </message>
    <message>
        <source>no document is open in the reader</source>
        <translation>aucun document n’est ouvert dans le lecteur</translation>
    </message>
    <message>
        <source>{documents}, {tokens}; {disagreements}</source>
        <translation>{documents}, {tokens}&#xa0;; {disagreements}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln mot</numerusform>
            <numerusform>%Ln mots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln disagreement(s)</source>
        <translation>
            <numerusform>%Ln désaccord</numerusform>
            <numerusform>%Ln désaccords</numerusform>
        </translation>
    </message>
    <message>
        <source>Spans {name}</source>
        <translation>Segments {name}</translation>
    </message>
    <message>
        <source>Exact F1</source>
        <translation>F1 exact</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>F1 chevauchement</translation>
    </message>
    <message>
        <source>Kappa (per pair)</source>
        <translation>Kappa (par paire)</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>Kappa</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>ensemble</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Adjudicated</source>
        <translation>Adjudiqué</translation>
    </message>
    <message>
        <source> (the first {n} are listed)</source>
        <translation> (les {n} premiers sont listés)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Keep {name}</source>
        <translation>Garder {name}</translation>
    </message>
    <message numerus="yes">
        <source>{step}: %n span(s) in the gold layer</source>
        <translation>
            <numerusform>{step}&#xa0;: %n segment dans la couche de référence</numerusform>
            <numerusform>{step}&#xa0;: %n segments dans la couche de référence</numerusform>
        </translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>Adjudicate: keep {names}</source>
        <translation>Adjudication&#xa0;: garder {names}</translation>
    </message>
    <message>
        <source>Select the right text in the reader first (in the disagreement’s document)</source>
        <translation>Sélectionnez d’abord le bon texte dans le lecteur (dans le document du désaccord)</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Nouvelle version</translation>
    </message>
    <message>
        <source>Label of the selected text:</source>
        <translation>Catégorie du texte sélectionné&#xa0;:</translation>
    </message>
    <message>
        <source>Adjudicate: new version</source>
        <translation>Adjudication&#xa0;: nouvelle version</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord</translation>
    </message>
    <message>
        <source>&amp;Agreement and adjudication</source>
        <translation>&amp;Accord inter-annotateurs et adjudication</translation>
    </message>
    <message>
        <source>Select a span first.</source>
        <translation>Sélectionnez d’abord un segment.</translation>
    </message>
    <message>
        <source>Label {label} has no attributes.</source>
        <translation>La catégorie {label} n’a pas d’attributs.</translation>
    </message>
    <message numerus="yes">
        <source>{name} has %n value(s): {values}</source>
        <translation>
            <numerusform>{name} a %n valeur&#xa0;: {values}</numerusform>
            <numerusform>{name} a %n valeurs&#xa0;: {values}</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {value}</source>
        <translation>{name}&#xa0;: {value}</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>effacé</translation>
    </message>
    <message>
        <source>Alt+1…9 sets the first attribute, Alt+0 clears it.</source>
        <translation>Alt+1…9 fixe le premier attribut, Alt+0 l’efface.</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}&#xa0;:</translation>
    </message>
    <message>
        <source>No span selected.</source>
        <translation>Aucun segment sélectionné.</translation>
    </message>
    <message>
        <source>Entity: {name}</source>
        <translation>Entité&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Entity: none (E to set)</source>
        <translation>Entité&#xa0;: aucune (E pour la choisir)</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <source>New from &amp;clipboard</source>
        <translation>Nouveau depuis le &amp;presse-papiers</translation>
    </message>
    <message>
        <source>Entity “{name}”</source>
        <translation>Entité «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Clear entity</source>
        <translation>Effacer l’entité</translation>
    </message>
    <message>
        <source>Set entity</source>
        <translation>Choisir l’entité</translation>
    </message>
    <message>
        <source>Entity of “{text}”</source>
        <translation>Entité de «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Type a name to filter or create</source>
        <translation>Tapez un nom pour filtrer ou créer</translation>
    </message>
    <message>
        <source>Canonical entity of {label} “{text}”:</source>
        <translation>Entité canonique du segment {label} «&#xa0;{text}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>(no entity)</source>
        <translation>(aucune entité)</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actuelle</translation>
    </message>
    <message>
        <source>Create “{name}”</source>
        <translation>Créer «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>“{text}” is entity {name}</source>
        <translation>«&#xa0;{text}&#xa0;» est l’entité {name}</translation>
    </message>
    <message>
        <source>“{text}” has no entity now</source>
        <translation>«&#xa0;{text}&#xa0;» n’a plus d’entité</translation>
    </message>
    <message>
        <source>Select an actor span first, then press E to name its entity.</source>
        <translation>Sélectionnez d’abord un segment d’acteur, puis appuyez sur E pour nommer son entité.</translation>
    </message>
    <message>
        <source>Only {labels} spans point to an entity, not {label}.</source>
        <translation>Seuls les segments {labels} renvoient à une entité, pas {label}.</translation>
    </message>
    <message>
        <source>Filter entities</source>
        <translation>Filtrer les entités</translation>
    </message>
    <message>
        <source>Merge selected…</source>
        <translation>Fusionner la sélection…</translation>
    </message>
    <message>
        <source>Make the selected entities one (Ctrl+click to select several); Ctrl+Z splits them</source>
        <translation>Réunir les entités sélectionnées en une seule (Ctrl+clic pour en sélectionner plusieurs)&#xa0;; Ctrl+Z les sépare</translation>
    </message>
    <message>
        <source>Select an entity to see its names and mentions.</source>
        <translation>Choisissez une entité pour voir ses noms et ses mentions.</translation>
    </message>
    <message>
        <source>Mention</source>
        <translation>Mention</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message numerus="yes">
        <source>%n entities selected: Merge makes them one.</source>
        <translation>
            <numerusform>%n entité sélectionnée&#xa0;: Fusionner les réunit en une seule.</numerusform>
            <numerusform>%n entités sélectionnées&#xa0;: Fusionner les réunit en une seule.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entity to see its names.</source>
        <translation>Choisissez une entité pour voir ses noms.</translation>
    </message>
    <message>
        <source>{name}: {mentions} in {documents}, named:</source>
        <translation>{name}&#xa0;: {mentions} dans {documents}, sous les noms&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two entities or more to merge (Ctrl+click).</source>
        <translation>Sélectionnez au moins deux entités à fusionner (Ctrl+clic).</translation>
    </message>
    <message>
        <source>Merge entities</source>
        <translation>Fusionner des entités</translation>
    </message>
    <message>
        <source>Keep the name:</source>
        <translation>Garder le nom&#xa0;:</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>«&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>Merge {names} into “{kept}”</source>
        <translation>Fusionner {names} dans «&#xa0;{kept}&#xa0;»</translation>
    </message>
    <message>
        <source>{names} merged into “{kept}” (Ctrl+Z splits them again)</source>
        <translation>Fusion de {names} dans «&#xa0;{kept}&#xa0;» (Ctrl+Z les sépare à nouveau)</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>&amp;Entity of selected span…</source>
        <translation>&amp;Entité du segment sélectionné…</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(tous)</translation>
    </message>
    <message>
        <source>Left context</source>
        <translation>Contexte gauche</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Right context</source>
        <translation>Contexte droit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Export handout…</source>
        <translation>Exporter un mémento…</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation>
            <numerusform>%n exemple</numerusform>
            <numerusform>%n exemples</numerusform>
        </translation>
    </message>
    <message>
        <source>Handout written to {path}</source>
        <translation>Mémento écrit dans {path}</translation>
    </message>
    <message>
        <source>Export handout</source>
        <translation>Exporter un mémento</translation>
    </message>
    <message>
        <source>The handout was not written</source>
        <translation>Le mémento n’a pas été écrit</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>&amp;Examples (keyword in context)</source>
        <translation>&amp;Exemples (mot-clé en contexte)</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <source>Link “{text}” to…</source>
        <translation>Lier «&#xa0;{text}&#xa0;» à…</translation>
    </message>
    <message>
        <source>Link {label} “{text}” to (or click a span in the text):</source>
        <translation>Lier le segment {label} «&#xa0;{text}&#xa0;» à (ou cliquez sur un segment du texte)&#xa0;:</translation>
    </message>
    <message>
        <source>Type to filter</source>
        <translation>Tapez pour filtrer</translation>
    </message>
    <message>
        <source>{label}: {text}</source>
        <translation>{label}&#xa0;: {text}</translation>
    </message>
    <message>
        <source> — line {line}: {context}</source>
        <translation> — ligne {line}&#xa0;: {context}</translation>
    </message>
    <message>
        <source>That span cannot be linked to the selected one (see the link schema).</source>
        <translation>Ce segment ne peut pas être lié au segment sélectionné (voir le schéma des liens).</translation>
    </message>
    <message>
        <source>{label} “{text}” cannot be linked to {other} “{other_text}” any more: see the link schema</source>
        <translation>{label} «&#xa0;{text}&#xa0;» ne peut plus être lié à {other} «&#xa0;{other_text}&#xa0;»&#xa0;: voir le schéma des liens</translation>
    </message>
    <message>
        <source>Role of “{text}”:</source>
        <translation>Rôle de «&#xa0;{text}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>The link schema no longer allows {role} here: choose again (L)</source>
        <translation>Le schéma des liens n’autorise plus {role} ici&#xa0;: choisissez à nouveau (L)</translation>
    </message>
    <message>
        <source>Linked: {link}</source>
        <translation>Lié&#xa0;: {link}</translation>
    </message>
    <message>
        <source>Role of the selected link (only roles the link schema allows)</source>
        <translation>Rôle du lien sélectionné (seulement les rôles que le schéma des liens autorise)</translation>
    </message>
    <message>
        <source>New link… (L)</source>
        <translation>Nouveau lien… (L)</translation>
    </message>
    <message>
        <source>Links of the text on screen and of the selected span</source>
        <translation>Liens du texte à l’écran et du segment sélectionné</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) of the deleted span went with it (undo brings [it|them] back)</source>
        <translation>
            <numerusform>%n lien du segment supprimé est parti avec lui (l’annulation le rétablit)</numerusform>
            <numerusform>%n liens du segment supprimé sont partis avec lui (l’annulation les rétablit)</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} “{text}” —{role}→ {target_label} “{target_text}”</source>
        <translation>{label} «&#xa0;{text}&#xa0;» —{role}→ {target_label} «&#xa0;{target_text}&#xa0;»</translation>
    </message>
    <message>
        <source>not in the link schema</source>
        <translation>hors du schéma des liens</translation>
    </message>
    <message>
        <source>The link schema has no role &apos;{role}&apos; from {source} to {target}.</source>
        <translation>Le schéma des liens n’a pas de rôle «&#xa0;{role}&#xa0;» de {source} vers {target}.</translation>
    </message>
    <message>
        <source>Select a span first, then press L to link it.</source>
        <translation>Sélectionnez d’abord un segment, puis appuyez sur L pour le lier.</translation>
    </message>
    <message>
        <source>No span of this document can be linked to the selected one (see the link schema).</source>
        <translation>Aucun segment de ce document ne peut être lié au segment sélectionné (voir le schéma des liens).</translation>
    </message>
    <message>
        <source>Export schema</source>
        <translation>Exporter le schéma</translation>
    </message>
    <message>
        <source>Import schema</source>
        <translation>Importer un schéma</translation>
    </message>
    <message>
        <source>Cannot write the schema: {error}</source>
        <translation>Impossible d’écrire le schéma&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Schema exported.</source>
        <translation>Schéma exporté.</translation>
    </message>
    <message>
        <source>Cannot read the schema: {error}</source>
        <translation>Impossible de lire le schéma&#xa0;: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Schema imported: %n label(s) added, {updated} updated.</source>
        <translation>
            <numerusform>Schéma importé&#xa0;: %n catégorie ajoutée, {updated} mises à jour.</numerusform>
            <numerusform>Schéma importé&#xa0;: %n catégories ajoutées, {updated} mises à jour.</numerusform>
        </translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>&amp;Link selected span…</source>
        <translation>&amp;Lier le segment sélectionné…</translation>
    </message>
    <message>
        <source>Link &amp;schema…</source>
        <translation>&amp;Schéma des liens…</translation>
    </message>
    <message>
        <source>&amp;Export label and link schema…</source>
        <translation>&amp;Exporter le schéma des catégories et des liens…</translation>
    </message>
    <message>
        <source>&amp;Import label and link schema…</source>
        <translation>&amp;Importer un schéma de catégories et de liens…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Relecture</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Relecteur</translation>
    </message>
    <message>
        <source>&amp;Approve (A)</source>
        <translation>&amp;Approuver (A)</translation>
    </message>
    <message>
        <source>&amp;Reject (R)</source>
        <translation>&amp;Rejeter (R)</translation>
    </message>
    <message>
        <source>&amp;Correct (C)</source>
        <translation>&amp;Corriger (C)</translation>
    </message>
    <message>
        <source>Co&amp;mment (M)</source>
        <translation>Co&amp;mmenter (M)</translation>
    </message>
    <message>
        <source>Nothing to review with these filters.</source>
        <translation>Rien à relire avec ces filtres.</translation>
    </message>
    <message>
        <source>Approve span</source>
        <translation>Approuver le segment</translation>
    </message>
    <message>
        <source>Reject span</source>
        <translation>Rejeter le segment</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>Commentaire de relecture</translation>
    </message>
    <message>
        <source>Comment on this span:</source>
        <translation>Commentaire sur ce segment&#xa0;:</translation>
    </message>
    <message>
        <source>Correct span</source>
        <translation>Corriger le segment</translation>
    </message>
    <message>
        <source>Label of “{text}”:</source>
        <translation>Catégorie de «&#xa0;{text}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>Edit the span’s boundaries in the reader, then review it again</source>
        <translation>Modifiez les limites du segment dans le lecteur, puis relisez-le</translation>
    </message>
    <message>
        <source>Correct span to {label}</source>
        <translation>Corriger le segment en {label}</translation>
    </message>
    <message>
        <source>&amp;Review queue</source>
        <translation>File de &amp;relecture</translation>
    </message>
    <message>
        <source>Import changed source as new version</source>
        <translation>Importer la source modifiée comme nouvelle version</translation>
    </message>
    <message>
        <source>The source file changed on disk: import its new text as a new document</source>
        <translation>Le fichier source a changé sur le disque&#xa0;: importer son nouveau texte comme nouveau document</translation>
    </message>
    <message>
        <source>Automatic backup failed: {error}</source>
        <translation>La sauvegarde automatique a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{message}. Document → {action}</source>
        <translation>{message}. Document → {action}</translation>
    </message>
    <message>
        <source>The source file of “{title}” changed on disk since it was imported; the stored text and its spans are kept as they were</source>
        <translation>Le fichier source de «&#xa0;{title}&#xa0;» a changé sur le disque depuis son importation&#xa0;; le texte enregistré et ses segments restent tels qu’ils étaient</translation>
    </message>
    <message>
        <source>The source file of “{title}” is no longer at {path}</source>
        <translation>Le fichier source de «&#xa0;{title}&#xa0;» n’est plus à l’emplacement {path}</translation>
    </message>
    <message>
        <source>The source file changed on disk; its new text is document {id} “{title}”</source>
        <translation>Le fichier source a changé sur le disque&#xa0;; son nouveau texte est le document {id} «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>The source file of “{title}” cannot be read any more ({path})</source>
        <translation>Le fichier source de «&#xa0;{title}&#xa0;» ne peut plus être lu ({path})</translation>
    </message>
    <message>
        <source>Could not check the source file: {error}</source>
        <translation>Impossible de vérifier le fichier source&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Imported the changed source as document {new}; document {old} and its spans are unchanged</source>
        <translation>Source modifiée importée comme document {new}&#xa0;; le document {old} et ses segments sont inchangés</translation>
    </message>
    <message numerus="yes">
        <source>%n other document(s)</source>
        <translation>
            <numerusform>%n autre document</numerusform>
            <numerusform>%n autres documents</numerusform>
        </translation>
    </message>
    <message>
        <source>Spans per label</source>
        <translation>Segments par catégorie</translation>
    </message>
    <message>
        <source>Spans per annotator</source>
        <translation>Segments par annotateur</translation>
    </message>
    <message>
        <source>Spans per document</source>
        <translation>Segments par document</translation>
    </message>
    <message>
        <source>{documents} {done}, {spans}, {suggestions}, {links}</source>
        <translation>{documents} {done}, {spans}, {suggestions}, {links}</translation>
    </message>
    <message numerus="yes">
        <source>(%n done)</source>
        <translation>
            <numerusform>(%n terminé)</numerusform>
            <numerusform>(%n terminés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted span(s)</source>
        <translation>
            <numerusform>%n segment accepté</numerusform>
            <numerusform>%n segments acceptés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n lien</numerusform>
            <numerusform>%n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistiques</translation>
    </message>
    <message>
        <source>Suggest &amp;quantities</source>
        <translation>Suggérer les &amp;quantités</translation>
    </message>
    <message>
        <source>Propose amounts with their unit in every document</source>
        <translation>Proposer les montants avec leur unité dans tous les documents</translation>
    </message>
    <message>
        <source>&amp;Propagate tagged mentions</source>
        <translation>&amp;Propager les mentions annotées</translation>
    </message>
    <message>
        <source>Propose the other mentions of every tagged string, in every document</source>
        <translation>Proposer les autres mentions de chaque chaîne annotée, dans tous les documents</translation>
    </message>
    <message>
        <source>Suggest named &amp;entities (spaCy)</source>
        <translation>Suggérer les &amp;entités nommées (spaCy)</translation>
    </message>
    <message>
        <source>Propose persons, organisations and places as actors (needs the spaCy extra)</source>
        <translation>Proposer personnes, organisations et lieux comme acteurs (demande l’extra spaCy)</translation>
    </message>
    <message>
        <source>Named-entity pipeline…</source>
        <translation>Chaîne de traitement des entités nommées…</translation>
    </message>
    <message>
        <source>Which installed spaCy pipeline finds named entities</source>
        <translation>Quelle chaîne spaCy installée trouve les entités nommées</translation>
    </message>
    <message>
        <source>&amp;Accept all suggestions of label…</source>
        <translation>&amp;Accepter toutes les suggestions d’une catégorie…</translation>
    </message>
    <message>
        <source>Accept every pending suggestion of one label (one undo step)</source>
        <translation>Accepter toutes les suggestions en attente d’une catégorie (une seule étape d’annulation)</translation>
    </message>
    <message>
        <source>&amp;Reject all suggestions of label…</source>
        <translation>&amp;Rejeter toutes les suggestions d’une catégorie…</translation>
    </message>
    <message>
        <source>Reject every pending suggestion of one label (one undo step)</source>
        <translation>Rejeter toutes les suggestions en attente d’une catégorie (une seule étape d’annulation)</translation>
    </message>
    <message>
        <source>Propagate new tags automatically</source>
        <translation>Propager automatiquement les nouvelles annotations</translation>
    </message>
    <message>
        <source>After you tag a span, propose its other mentions at once</source>
        <translation>Après l’annotation d’un segment, proposer aussitôt ses autres mentions</translation>
    </message>
    <message numerus="yes">
        <source>{summary}; %n pending in this document. Enter accepts, Backspace rejects.</source>
        <translation>
            <numerusform>{summary}&#xa0;; %n en attente dans ce document. Entrée accepte, Retour arrière rejette.</numerusform>
            <numerusform>{summary}&#xa0;; %n en attente dans ce document. Entrée accepte, Retour arrière rejette.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest quantities</source>
        <translation>Suggérer les quantités</translation>
    </message>
    <message>
        <source>Propagate tagged mentions</source>
        <translation>Propager les mentions annotées</translation>
    </message>
    <message numerus="yes">
        <source>Finding named entities with {model} in %n document(s)…</source>
        <translation>
            <numerusform>Recherche des entités nommées avec {model} dans %n document…</numerusform>
            <numerusform>Recherche des entités nommées avec {model} dans %n documents…</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest named entities</source>
        <translation>Suggérer les entités nommées</translation>
    </message>
    <message>
        <source>Named-entity suggestions are not available</source>
        <translation>Les suggestions d’entités nommées ne sont pas disponibles</translation>
    </message>
    <message>
        <source>Named-entity suggestions</source>
        <translation>Suggestions d’entités nommées</translation>
    </message>
    <message>
        <source>Named-entity pipeline</source>
        <translation>Chaîne de traitement des entités nommées</translation>
    </message>
    <message>
        <source>Installed spaCy pipeline (package name or folder):</source>
        <translation>Chaîne spaCy installée (nom du paquet ou dossier)&#xa0;:</translation>
    </message>
    <message>
        <source>Named entities will be found with {model}</source>
        <translation>Les entités nommées seront trouvées avec {model}</translation>
    </message>
    <message>
        <source>There are no pending suggestions</source>
        <translation>Il n’y a aucune suggestion en attente</translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>Accepter des suggestions</translation>
    </message>
    <message>
        <source>Reject suggestions</source>
        <translation>Rejeter des suggestions</translation>
    </message>
    <message>
        <source>Accept every suggestion of label:</source>
        <translation>Accepter toutes les suggestions de la catégorie&#xa0;:</translation>
    </message>
    <message>
        <source>Reject every suggestion of label:</source>
        <translation>Rejeter toutes les suggestions de la catégorie&#xa0;:</translation>
    </message>
    <message>
        <source>There are no pending suggestions of {label}</source>
        <translation>Il n’y a aucune suggestion {label} en attente</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n {label} suggestion(s)</source>
        <translation>
            <numerusform>Accepter %n suggestion {label}</numerusform>
            <numerusform>Accepter %n suggestions {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n {label} suggestion(s)</source>
        <translation>
            <numerusform>Rejeter %n suggestion {label}</numerusform>
            <numerusform>Rejeter %n suggestions {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n {label} suggestion(s)</source>
        <translation>
            <numerusform>%n suggestion {label} acceptée</numerusform>
            <numerusform>%n suggestions {label} acceptées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n {label} suggestion(s)</source>
        <translation>
            <numerusform>%n suggestion {label} rejetée</numerusform>
            <numerusform>%n suggestions {label} rejetées</numerusform>
        </translation>
    </message>
    <message>
        <source>Propagate “{text}”</source>
        <translation>Propager «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <source>%n other mention(s) of “{text}” proposed</source>
        <translation>
            <numerusform>%n autre mention de «&#xa0;{text}&#xa0;» proposée</numerusform>
            <numerusform>%n autres mentions de «&#xa0;{text}&#xa0;» proposées</numerusform>
        </translation>
    </message>
    <message>
        <source>Train suggester</source>
        <translation>Entraîner le suggesteur</translation>
    </message>
    <message>
        <source>every label with accepted spans</source>
        <translation>toute catégorie ayant des segments acceptés</translation>
    </message>
    <message>
        <source>gold, else everyone</source>
        <translation>gold, sinon tout le monde</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source> accepted spans</source>
        <translation> segments acceptés</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Retrain after every</source>
        <translation>Réentraîner tous les</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Entraîner</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>&amp;Annuler l’entraînement</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>No model trained yet for this project.</source>
        <translation>Aucun modèle n’a encore été entraîné pour ce projet.</translation>
    </message>
    <message>
        <source>Model {name}: base {base}, {learnt}, {held} held out; scores on the held-out sentences.</source>
        <translation>Modèle {name}&#xa0;: base {base}, {learnt}, {held} mises de côté&#xa0;; scores sur les phrases mises de côté.</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s) learnt</source>
        <translation>
            <numerusform>%n phrase apprise</numerusform>
            <numerusform>%n phrases apprises</numerusform>
        </translation>
    </message>
    <message>
        <source>Training: epoch {done} of {total}…</source>
        <translation>Entraînement&#xa0;: époque {done} sur {total}…</translation>
    </message>
    <message>
        <source>Training failed: {error}. The previous model, if any, is still in use.</source>
        <translation>L’entraînement a échoué&#xa0;: {error}. Le modèle précédent, s’il existe, reste utilisé.</translation>
    </message>
    <message>
        <source>Training cancelled. The previous model, if any, is still in use.</source>
        <translation>Entraînement annulé. Le modèle précédent, s’il existe, reste utilisé.</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>précision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>rappel</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>prédits</translation>
    </message>
    <message>
        <source>the model is least sure here (uncertainty {value})</source>
        <translation>le modèle est le moins sûr ici (incertitude {value})</translation>
    </message>
    <message numerus="yes">
        <source>the model is unsure about %n span(s) here (confidence {low}–{high}; uncertainty {value})</source>
        <translation>
            <numerusform>le modèle hésite sur %n segment ici (confiance {low}–{high}&#xa0;; incertitude {value})</numerusform>
            <numerusform>le modèle hésite sur %n segments ici (confiance {low}–{high}&#xa0;; incertitude {value})</numerusform>
        </translation>
    </message>
    <message>
        <source>“{title}”: {why}</source>
        <translation>«&#xa0;{title}&#xa0;»&#xa0;: {why}</translation>
    </message>
    <message>
        <source>&amp;Train suggester…</source>
        <translation>&amp;Entraîner le suggesteur…</translation>
    </message>
    <message>
        <source>Learn a suggester from the accepted spans</source>
        <translation>Apprendre un suggesteur à partir des segments acceptés</translation>
    </message>
    <message>
        <source>Suggest from &amp;model</source>
        <translation>Suggérer avec le &amp;modèle</translation>
    </message>
    <message>
        <source>Propose spans with the model trained on this project</source>
        <translation>Proposer des segments avec le modèle entraîné sur ce projet</translation>
    </message>
    <message>
        <source>A training is already running</source>
        <translation>Un entraînement est déjà en cours</translation>
    </message>
    <message>
        <source>Cannot train a suggester: {error}</source>
        <translation>Impossible d’entraîner un suggesteur&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Training on {sentences} of {documents} ({labels}; base {base})…</source>
        <translation>Entraînement sur {sentences} de {documents} ({labels}&#xa0;; base {base})…</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n phrase</numerusform>
            <numerusform>%n phrases</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrained suggester {name}: held-out F1 {f1}. Tools → Suggest from model proposes spans with it.</source>
        <translation>Suggesteur {name} réentraîné&#xa0;: F1 sur les phrases mises de côté {f1}. Outils → Suggérer avec le modèle propose des segments avec lui.</translation>
    </message>
    <message>
        <source>Trained suggester {name}: held-out F1 {f1}. Tools → Suggest from model proposes spans with it.</source>
        <translation>Suggesteur {name} entraîné&#xa0;: F1 sur les phrases mises de côté {f1}. Outils → Suggérer avec le modèle propose des segments avec lui.</translation>
    </message>
    <message>
        <source>Training failed: {error}</source>
        <translation>L’entraînement a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is kept</source>
        <translation>Entraînement annulé&#xa0;; le modèle précédent est conservé</translation>
    </message>
    <message>
        <source>No model yet: Tools → Train suggester… learns one from the accepted spans</source>
        <translation>Pas encore de modèle&#xa0;: Outils → Entraîner le suggesteur… en apprend un à partir des segments acceptés</translation>
    </message>
    <message numerus="yes">
        <source>Suggesting with model {name} in %n document(s)…</source>
        <translation>
            <numerusform>Suggestions du modèle {name} dans %n document…</numerusform>
            <numerusform>Suggestions du modèle {name} dans %n documents…</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest from model</source>
        <translation>Suggérer avec le modèle</translation>
    </message>
    <message>
        <source>{summary}. Enter accepts, Backspace rejects.</source>
        <translation>{summary}. Entrée accepte, Retour arrière rejette.</translation>
    </message>
    <message>
        <source>Suggestions from the model failed: {error}</source>
        <translation>Les suggestions du modèle ont échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Every document is annotated or marked done</source>
        <translation>Chaque document est annoté ou marqué comme terminé</translation>
    </message>
    <message numerus="yes">
        <source>Looking for the most useful of %n unannotated document(s)…</source>
        <translation>
            <numerusform>Recherche du plus utile parmi %n document non annoté…</numerusform>
            <numerusform>Recherche du plus utile parmi %n documents non annotés…</numerusform>
        </translation>
    </message>
    <message>
        <source>Next most useful document: {reason}</source>
        <translation>Document le plus utile suivant&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Cannot rank the documents: {error}</source>
        <translation>Impossible de classer les documents&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Ne&amp;xt most useful document</source>
        <translation>Document le plus &amp;utile suivant</translation>
    </message>
    <message>
        <source>Open the unannotated document the model is least sure about</source>
        <translation>Ouvrir le document non annoté sur lequel le modèle est le moins sûr</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Appréciations</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>no supplier linked</source>
        <translation>aucun fournisseur lié</translation>
    </message>
    <message>
        <source>no recipient linked</source>
        <translation>aucun destinataire lié</translation>
    </message>
    <message>
        <source>no amount linked</source>
        <translation>aucune quantité liée</translation>
    </message>
    <message>
        <source>status not set</source>
        <translation>statut non renseigné</translation>
    </message>
    <message>
        <source>no assessment about it</source>
        <translation>aucune appréciation à son sujet</translation>
    </message>
    <message>
        <source>document has no date</source>
        <translation>le document n’a pas de date</translation>
    </message>
    <message>
        <source>document has no source</source>
        <translation>le document n’a pas de source</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>fournisseur</translation>
    </message>
    <message>
        <source>recipient</source>
        <translation>destinataire</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>quantité</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>Export transfers as {format}</source>
        <translation>Exporter les transferts en {format}</translation>
    </message>
    <message>
        <source>Edit {fields} of “{title}”</source>
        <translation>Modifier {fields} de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source> — press L to link one</source>
        <translation> — appuyez sur L pour en lier un</translation>
    </message>
    <message>
        <source>Empty: {reason}{fix}.</source>
        <translation>Vide&#xa0;: {reason}{fix}.</translation>
    </message>
    <message>
        <source>Link the {role} of “{what}” ({document})</source>
        <translation>Lier le {role} de «&#xa0;{what}&#xa0;» ({document})</translation>
    </message>
    <message>
        <source>Enter links the chosen span; Ctrl+Z undoes it.</source>
        <translation>Entrée lie le segment choisi&#xa0;; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>No {label} span in this document yet: open the transfer (Enter on its row), tag the {label} in the reader, then link it here or with L in the reader.</source>
        <translation>Aucun segment {label} dans ce document pour l’instant&#xa0;: ouvrez le transfert (Entrée sur sa ligne), annotez le {label} dans le lecteur, puis liez-le ici ou avec L dans le lecteur.</translation>
    </message>
    <message>
        <source>Linked {role} “{text}” to “{what}”</source>
        <translation>{role} «&#xa0;{text}&#xa0;» lié à «&#xa0;{what}&#xa0;»</translation>
    </message>
    <message>
        <source>Filter transfers (supplier, recipient, what, document…)</source>
        <translation>Filtrer les transferts (fournisseur, destinataire, objet, document…)</translation>
    </message>
    <message>
        <source>Link missing party… (L)</source>
        <translation>Lier la partie manquante… (L)</translation>
    </message>
    <message>
        <source>Link the selected transfer’s missing supplier, recipient or amount</source>
        <translation>Lier le fournisseur, le destinataire ou la quantité qui manque au transfert sélectionné</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export JSONL…</source>
        <translation>Exporter en JSONL…</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} sur {total}</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s)</source>
        <translation>
            <numerusform>%n transfert</numerusform>
            <numerusform>%n transferts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of these [lacks|lack] a supplier or a recipient: select one and press L</source>
        <translation>
            <numerusform>%n d’entre eux n’a pas de fournisseur ou de destinataire&#xa0;: sélectionnez-le et appuyez sur L</numerusform>
            <numerusform>%n d’entre eux n’ont pas de fournisseur ou de destinataire&#xa0;: sélectionnez-en un et appuyez sur L</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a transfer in the table first.</source>
        <translation>Sélectionnez d’abord un transfert dans le tableau.</translation>
    </message>
    <message>
        <source>This transfer has its supplier, recipient and amount linked.</source>
        <translation>Ce transfert a déjà son fournisseur, son destinataire et sa quantité liés.</translation>
    </message>
    <message>
        <source>Cannot write {file}: {error}</source>
        <translation>Impossible d’écrire {file}&#xa0;: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n transfer(s) to {file}</source>
        <translation>
            <numerusform>%n transfert exporté dans {file}</numerusform>
            <numerusform>%n transferts exportés dans {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>&amp;Properties…</source>
        <translation>&amp;Propriétés…</translation>
    </message>
    <message>
        <source>Click an arrow to list its transfers, a node to see its names.</source>
        <translation>Cliquez sur une flèche pour lister ses transferts, sur un nœud pour voir ses noms.</translation>
    </message>
    <message>
        <source>No transfer shown has both a supplier and a recipient.
Link them in the reader (L on a transfer), or select a row of the table below and press L.</source>
        <translation>Aucun transfert affiché n’a à la fois un fournisseur et un destinataire.
Liez-les dans le lecteur (L sur un transfert), ou sélectionnez une ligne du tableau ci-dessous et appuyez sur L.</translation>
    </message>
    <message>
        <source>GraphML (networkx, yEd, Cytoscape)…</source>
        <translation>GraphML (networkx, yEd, Cytoscape)…</translation>
    </message>
    <message>
        <source>GEXF (Gephi)…</source>
        <translation>GEXF (Gephi)…</translation>
    </message>
    <message>
        <source>CSV of nodes and edges (Gephi)…</source>
        <translation>CSV des nœuds et des arêtes (Gephi)…</translation>
    </message>
    <message>
        <source>Map as PNG…</source>
        <translation>Carte en PNG…</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Map as SVG…</source>
        <translation>Carte en SVG…</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>Timeline as PNG…</source>
        <translation>Chronologie en PNG…</translation>
    </message>
    <message>
        <source>Timeline as SVG…</source>
        <translation>Chronologie en SVG…</translation>
    </message>
    <message>
        <source>Any actor</source>
        <translation>Tout acteur</translation>
    </message>
    <message>
        <source>What (words of the transfer)</source>
        <translation>Objet (mots du transfert)</translation>
    </message>
    <message>
        <source>from YYYY-MM</source>
        <translation>de AAAA-MM</translation>
    </message>
    <message>
        <source>to YYYY-MM</source>
        <translation>à AAAA-MM</translation>
    </message>
    <message>
        <source>Any confidence</source>
        <translation>Toute confiance</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Any annotator</source>
        <translation>Tout annotateur</translation>
    </message>
    <message>
        <source>Any document</source>
        <translation>Tout document</translation>
    </message>
    <message>
        <source>← Reader (Ctrl+1)</source>
        <translation>← Lecteur (Ctrl+1)</translation>
    </message>
    <message>
        <source>Lay out again</source>
        <translation>Redisposer</translation>
    </message>
    <message>
        <source>Forget where the nodes were put and lay the map out afresh</source>
        <translation>Oublier la place des nœuds et redisposer la carte à neuf</translation>
    </message>
    <message>
        <source>Disc size: mentions in the corpus; arrow width: transfers.</source>
        <translation>Taille des disques&#xa0;: mentions dans le corpus&#xa0;; largeur des flèches&#xa0;: transferts.</translation>
    </message>
    <message>
        <source>Click a transfer to open its sentence in the reader</source>
        <translation>Cliquez sur un transfert pour ouvrir sa phrase dans le lecteur</translation>
    </message>
    <message>
        <source>Transfers per month (document date) — drag across bars to pick a period</source>
        <translation>Transferts par mois (date du document) — faites glisser sur les barres pour choisir une période</translation>
    </message>
    <message>
        <source>Transfers: who supplies what to whom, when, how credibly</source>
        <translation>Transferts&#xa0;: qui fournit quoi à qui, quand, avec quelle crédibilité</translation>
    </message>
    <message>
        <source>Not a period: write YYYY, YYYY-MM or YYYY-MM-DD, the start before the end ({reason})</source>
        <translation>Ce n’est pas une période&#xa0;: écrivez AAAA, AAAA-MM ou AAAA-MM-JJ, le début avant la fin ({reason})</translation>
    </message>
    <message>
        <source>{actors}, {pairs}, {transfers} on the map</source>
        <translation>{actors}, {pairs}, {transfers} sur la carte</translation>
    </message>
    <message numerus="yes">
        <source>%Ln actor(s)</source>
        <translation>
            <numerusform>%Ln acteur</numerusform>
            <numerusform>%Ln acteurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s)</source>
        <translation>
            <numerusform>%Ln paire</numerusform>
            <numerusform>%Ln paires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln transfer(s)</source>
        <translation>
            <numerusform>%Ln transfert</numerusform>
            <numerusform>%Ln transferts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln busiest pairs are drawn: narrow the filters to see the other {hidden}</source>
        <translation>
            <numerusform>La paire la plus active est dessinée&#xa0;: resserrez les filtres pour voir les {hidden} autres</numerusform>
            <numerusform>Les %Ln paires les plus actives sont dessinées&#xa0;: resserrez les filtres pour voir les {hidden} autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln transfer(s) pass the filters</source>
        <translation>
            <numerusform>{shown} transfert sur %Ln passe les filtres</numerusform>
            <numerusform>{shown} transferts sur %Ln passent les filtres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln [lacks|lack] a supplier or a recipient (see the table: select one and press L)</source>
        <translation>
            <numerusform>%Ln transfert sans fournisseur ou sans destinataire (voir le tableau&#xa0;: sélectionnez-le et appuyez sur L)</numerusform>
            <numerusform>%Ln transferts sans fournisseur ou sans destinataire (voir le tableau&#xa0;: sélectionnez-en un et appuyez sur L)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{source} → {target}: %n transfer(s) (click one to read it)</source>
        <translation>
            <numerusform>{source} → {target}&#xa0;: %n transfert (cliquez dessus pour le lire)</numerusform>
            <numerusform>{source} → {target}&#xa0;: %n transferts (cliquez sur l’un d’eux pour le lire)</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {role} ({supplied} supplied, {received} received); {mentions}. Named in the documents as:</source>
        <translation>{name}&#xa0;: {role} (fournis&#xa0;: {supplied}, reçus&#xa0;: {received})&#xa0;; {mentions}. Nommé dans les documents&#xa0;:</translation>
    </message>
    <message>
        <source>Only actors with a canonical entity can be merged (E on a span gives one).</source>
        <translation>Seuls les acteurs dotés d’une entité canonique peuvent être fusionnés (E sur un segment en donne une).</translation>
    </message>
    <message>
        <source>“{merged}” is now “{kept}” (Ctrl+Z splits them again)</source>
        <translation>«&#xa0;{merged}&#xa0;» est désormais «&#xa0;{kept}&#xa0;» (Ctrl+Z les sépare à nouveau)</translation>
    </message>
    <message>
        <source>Export {what}</source>
        <translation>Exporter&#xa0;: {what}</translation>
    </message>
    <message>
        <source>Exported the transfers to {file}</source>
        <translation>Transferts exportés dans {file}</translation>
    </message>
    <message>
        <source>the picture could not be written</source>
        <translation>l’image n’a pas pu être écrite</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>{label}: “{text}”</source>
        <translation>{label}&#xa0;: «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>by {annotator} · {status} · {source}</source>
        <translation>par {annotator} · {status} · {source}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Note&#xa0;: {note}</translation>
    </message>
    <message>
        <source>The {name} view could not be loaded: {error}</source>
        <translation>La vue {name} n’a pas pu être chargée&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{title} workspace</source>
        <translation>Espace {title}</translation>
    </message>
    <message>
        <source>Show the {title} workspace</source>
        <translation>Afficher l’espace {title}</translation>
    </message>
    <message>
        <source>Open team project</source>
        <translation>Ouvrir un projet d’équipe</translation>
    </message>
    <message>
        <source>Address of the team server&apos;s project: a connection string or a service name.</source>
        <translation>Adresse du projet sur le serveur d’équipe&#xa0;: une chaîne de connexion ou un nom de service.</translation>
    </message>
    <message>
        <source>postgresql://alice@server/project or service=team</source>
        <translation>postgresql://alice@serveur/projet ou service=equipe</translation>
    </message>
    <message>
        <source>Team server address</source>
        <translation>Adresse du serveur d’équipe</translation>
    </message>
    <message>
        <source>Passwords are never stored by annotator: put yours in libpq&apos;s password file (~/.pgpass) or use a service from ~/.pg_service.conf; for TLS add sslmode=verify-full.</source>
        <translation>annotator n’enregistre jamais de mot de passe&#xa0;: mettez le vôtre dans le fichier de mots de passe de libpq (~/.pgpass) ou utilisez un service de ~/.pg_service.conf&#xa0;; pour TLS, ajoutez sslmode=verify-full.</translation>
    </message>
    <message>
        <source>Recent team projects</source>
        <translation>Projets d’équipe récents</translation>
    </message>
    <message>
        <source>Recent team projects:</source>
        <translation>Projets d’équipe récents&#xa0;:</translation>
    </message>
    <message>
        <source>Type a connection string or a service name.</source>
        <translation>Saisissez une chaîne de connexion ou un nom de service.</translation>
    </message>
    <message>
        <source>This is not a team server address: write postgresql://user@host/project, host=… dbname=…, or service=NAME (a project file opens with File → Open project).</source>
        <translation>Ce n’est pas l’adresse d’un serveur d’équipe&#xa0;: écrivez postgresql://utilisateur@hôte/projet, host=… dbname=… ou service=NOM (un fichier de projet s’ouvre par Fichier → Ouvrir un projet).</translation>
    </message>
    <message>
        <source>Team server connection is back: showing what changed meanwhile</source>
        <translation>Connexion au serveur d’équipe rétablie&#xa0;: affichage de ce qui a changé entre-temps</translation>
    </message>
    <message>
        <source>Team server connection lost: edits are refused until it is back</source>
        <translation>Connexion au serveur d’équipe perdue&#xa0;: les modifications sont refusées jusqu’à son retour</translation>
    </message>
    <message>
        <source>the project’s connection to the team server was closed</source>
        <translation>la connexion du projet au serveur d’équipe a été fermée</translation>
    </message>
    <message>
        <source>Not saved: the team server connection broke; nothing was written. Reconnecting…</source>
        <translation>Non enregistré&#xa0;: la connexion au serveur d’équipe a été coupée&#xa0;; rien n’a été écrit. Reconnexion…</translation>
    </message>
    <message>
        <source>Cannot open the team project</source>
        <translation>Impossible d’ouvrir le projet d’équipe</translation>
    </message>
    <message>
        <source>The password in the address was used, not stored: use ~/.pgpass next time</source>
        <translation>Le mot de passe de l’adresse a servi sans être enregistré&#xa0;: utilisez ~/.pgpass la prochaine fois</translation>
    </message>
    <message>
        <source>Team server: connected</source>
        <translation>Serveur d’équipe&#xa0;: connecté</translation>
    </message>
    <message>
        <source>Live: changes by others appear as they are saved ({server})</source>
        <translation>En direct&#xa0;: les modifications des autres apparaissent dès leur enregistrement ({server})</translation>
    </message>
    <message>
        <source>Team server: connection lost, reconnecting…</source>
        <translation>Serveur d’équipe&#xa0;: connexion perdue, reconnexion…</translation>
    </message>
    <message>
        <source>Edits are refused until the connection is back; everything saved before is kept. {reason}</source>
        <translation>Les modifications sont refusées jusqu’au retour de la connexion&#xa0;; tout ce qui a été enregistré avant est conservé. {reason}</translation>
    </message>
    <message>
        <source>Not done: the team server connection is lost; nothing was written. Try again once it is back.</source>
        <translation>Non fait&#xa0;: la connexion au serveur d’équipe est perdue&#xa0;; rien n’a été écrit. Réessayez une fois qu’elle est rétablie.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>non terminé</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln caractère</numerusform>
            <numerusform>%Ln caractères</numerusform>
        </translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>Fichier&#xa0;: {name}</translation>
    </message>
    <message>
        <source>, done</source>
        <translation>, terminé</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s)</source>
        <translation>
            <numerusform>%n suggestion</numerusform>
            <numerusform>%n suggestions</numerusform>
        </translation>
    </message>
    <message>
        <source>Note on “{text}”</source>
        <translation>Note sur «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Note on {label} “{text}”:</source>
        <translation>Note sur {label} «&#xa0;{text}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>Move start of “{text}”</source>
        <translation>Déplacer le début de «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Move end of “{text}”</source>
        <translation>Déplacer la fin de «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Accept “{text}”</source>
        <translation>Accepter «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Reject “{text}”</source>
        <translation>Rejeter «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <source>%n new document(s)</source>
        <translation>
            <numerusform>%n nouveau document</numerusform>
            <numerusform>%n nouveaux documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n déjà présent</numerusform>
            <numerusform>%n déjà présents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) added</source>
        <translation>
            <numerusform>%n segment ajouté</numerusform>
            <numerusform>%n segments ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n mis à jour</numerusform>
            <numerusform>%n mis à jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) added</source>
        <translation>
            <numerusform>%n lien ajouté</numerusform>
            <numerusform>%n liens ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n orphaned</source>
        <translation>
            <numerusform>%n orphelin</numerusform>
            <numerusform>%n orphelins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ignoré</numerusform>
            <numerusform>%n ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; imported: {parts}</source>
        <translation>Importation annulée&#xa0;; importé&#xa0;: {parts}</translation>
    </message>
    <message>
        <source>Imported: {parts}</source>
        <translation>Importation&#xa0;: {parts}</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message>
        <source>exported {documents}, {spans} as {format}</source>
        <translation>export&#xa0;: {documents}, {spans} en {format}</translation>
    </message>
    <message>
        <source>exported {documents}, {spans}</source>
        <translation>export&#xa0;: {documents}, {spans}</translation>
    </message>
    <message>
        <source>{headline} to {path}</source>
        <translation>{headline} dans {path}</translation>
    </message>
    <message numerus="yes">
        <source>(%n warning(s))</source>
        <translation>
            <numerusform>(%n avertissement)</numerusform>
            <numerusform>(%n avertissements)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new suggestion(s) in {documents} ({sources})</source>
        <translation>
            <numerusform>%n nouvelle suggestion dans {documents} ({sources})</numerusform>
            <numerusform>%n nouvelles suggestions dans {documents} ({sources})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there (not proposed again)</source>
        <translation>
            <numerusform>%n déjà là (non proposée à nouveau)</numerusform>
            <numerusform>%n déjà là (non proposées à nouveau)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No new suggestions in {documents}: %n already there (not proposed again)</source>
        <translation>
            <numerusform>Aucune nouvelle suggestion dans {documents}&#xa0;: %n déjà là (non proposée à nouveau)</numerusform>
            <numerusform>Aucune nouvelle suggestion dans {documents}&#xa0;: %n déjà là (non proposées à nouveau)</numerusform>
        </translation>
    </message>
    <message>
        <source>No new suggestions in {documents}: the sources found nothing to propose</source>
        <translation>Aucune nouvelle suggestion dans {documents}&#xa0;: les sources n’ont rien trouvé à proposer</translation>
    </message>
    <message>
        <source>Edit schema</source>
        <translation>Modifier le schéma</translation>
    </message>
    <message>
        <source>Link schema</source>
        <translation>Schéma des liens</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>From label</source>
        <translation>Catégorie de départ</translation>
    </message>
    <message>
        <source>To labels (comma-separated)</source>
        <translation>Catégories d’arrivée (séparées par des virgules)</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>Ajouter un rôle</translation>
    </message>
    <message>
        <source>Remove role</source>
        <translation>Retirer le rôle</translation>
    </message>
    <message>
        <source>Labels: {names}</source>
        <translation>Catégories&#xa0;: {names}</translation>
    </message>
    <message>
        <source>row {row}: a role needs a name, a from label and at least one to label</source>
        <translation>ligne {row}&#xa0;: un rôle demande un nom, une catégorie de départ et au moins une catégorie d’arrivée</translation>
    </message>
    <message>
        <source>row {row}: {error}</source>
        <translation>ligne {row}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Edit link schema</source>
        <translation>Modifier le schéma des liens</translation>
    </message>
    <message>
        <source>The link schema was refused (see the status bar).</source>
        <translation>Le schéma des liens a été refusé (voir la barre d’état).</translation>
    </message>
    <message>
        <source>{n} existing link(s) are not allowed by the new schema and were kept: {links}</source>
        <translation>Liens existants que le nouveau schéma n’autorise pas, conservés ({n})&#xa0;: {links}</translation>
    </message>
    <message>
        <source>the clipboard holds no text</source>
        <translation>le presse-papiers ne contient aucun texte</translation>
    </message>
    <message>
        <source>New document “{title}”</source>
        <translation>Nouveau document «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>this text is already in the project as “{title}”</source>
        <translation>ce texte est déjà dans le projet sous le titre «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>the pasted document carries spans now; delete it from the Document menu</source>
        <translation>le document collé porte maintenant des segments&#xa0;; supprimez-le depuis le menu Document</translation>
    </message>
    <message>
        <source>Nothing pasted: {reason}.</source>
        <translation>Rien n’a été collé&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Already present: this text is the document “{title}”.</source>
        <translation>Déjà présent&#xa0;: ce texte est le document «&#xa0;{title}&#xa0;».</translation>
    </message>
    <message>
        <source>New document “{title}” from the clipboard.</source>
        <translation>Nouveau document «&#xa0;{title}&#xa0;» depuis le presse-papiers.</translation>
    </message>
    <message>
        <source>Annotator projects (*.db *.sqlite *.annotator);;All files (*)</source>
        <translation>Projets annotator (*.db *.sqlite *.annotator);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Documents and annotation sets ({patterns});;All files (*)</source>
        <translation>Documents et jeux d’annotations ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <source>supplier and recipient</source>
        <translation>fournisseur et destinataire</translation>
    </message>
    <message>
        <source>{role}: supplies {supplied}, receives {received} (transfers shown)</source>
        <translation>{role}&#xa0;: fournit {supplied}, reçoit {received} (transferts affichés)</translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s) in the corpus</source>
        <translation>
            <numerusform>%n mention dans le corpus</numerusform>
            <numerusform>%n mentions dans le corpus</numerusform>
        </translation>
    </message>
    <message>
        <source>also: {names}</source>
        <translation>aussi&#xa0;: {names}</translation>
    </message>
    <message numerus="yes">
        <source>{source} → {target}: %n transfer(s)</source>
        <translation>
            <numerusform>{source} → {target}&#xa0;: %n transfert</numerusform>
            <numerusform>{source} → {target}&#xa0;: %n transferts</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to list them; a transfer opens in the reader.</source>
        <translation>Cliquez pour les lister&#xa0;; un transfert s’ouvre dans le lecteur.</translation>
    </message>
    <message>
        <source>Only transfers of {actor}</source>
        <translation>Seulement les transferts de {actor}</translation>
    </message>
    <message>
        <source>Merge {merged} into {kept}</source>
        <translation>Fusionner {merged} dans {kept}</translation>
    </message>
    <message>
        <source>Transfers between actors: supplier → recipient</source>
        <translation>Transferts entre acteurs&#xa0;: fournisseur → destinataire</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>sans appréciation</translation>
    </message>
    <message>
        <source>other pairs</source>
        <translation>autres paires</translation>
    </message>
    <message>
        <source>supplier or recipient missing</source>
        <translation>fournisseur ou destinataire manquant</translation>
    </message>
    <message>
        <source>Stacked by confidence</source>
        <translation>Empilées par confiance</translation>
    </message>
    <message>
        <source>Stacked by pair of actors</source>
        <translation>Empilées par paire d’acteurs</translation>
    </message>
    <message>
        <source>Whole period</source>
        <translation>Toute la période</translation>
    </message>
    <message>
        <source>Lift the period brushed on the timeline (Esc on the chart)</source>
        <translation>Lever la période sélectionnée sur la chronologie (Échap sur le graphique)</translation>
    </message>
    <message>
        <source>No transfer shown has a dated document: set dates in Document → Properties (Alt+Enter).</source>
        <translation>Aucun transfert affiché n’a de document daté&#xa0;: renseignez les dates dans Document → Propriétés (Alt+Entrée).</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) without a document date [is|are] not drawn.</source>
        <translation>
            <numerusform>%n transfert sans date de document n’est pas dessiné.</numerusform>
            <numerusform>%n transferts sans date de document ne sont pas dessinés.</numerusform>
        </translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>de {first} à {last}</translation>
    </message>
    <message>
        <source>Transfers per month</source>
        <translation>Transferts par mois</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>The project&apos;s documents; Enter opens the chosen one</source>
        <translation>Les documents du projet&#xa0;; Entrée ouvre celui choisi</translation>
    </message>
    <message>
        <source>Filter documents</source>
        <translation>Filtrer les documents</translation>
    </message>
    <message>
        <source>Shows only the documents whose title contains this text</source>
        <translation>N’affiche que les documents dont le titre contient ce texte</translation>
    </message>
    <message>
        <source>Passages that match the search; Enter opens one</source>
        <translation>Les passages qui répondent à la recherche&#xa0;; Entrée en ouvre un</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>Chercher dans tous les documents</translation>
    </message>
    <message>
        <source>Full-text search over every document of the project</source>
        <translation>Recherche en texte intégral dans tous les documents du projet</translation>
    </message>
    <message>
        <source>Find in document</source>
        <translation>Chercher dans le document</translation>
    </message>
    <message>
        <source>Finds this text in the document shown in the reader</source>
        <translation>Cherche ce texte dans le document affiché dans le lecteur</translation>
    </message>
    <message>
        <source>One row per span; Enter shows the span in the reader</source>
        <translation>Une ligne par segment&#xa0;; Entrée montre le segment dans le lecteur</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <source>Shows only the transfers of this actor</source>
        <translation>N’affiche que les transferts de cet acteur</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Shows only the transfers assessed with this confidence</source>
        <translation>N’affiche que les transferts évalués avec ce degré de confiance</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>Shows only the transfers tagged by this annotator</source>
        <translation>N’affiche que les transferts annotés par cet annotateur</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Shows only the transfers of this document</source>
        <translation>N’affiche que les transferts de ce document</translation>
    </message>
    <message>
        <source>What is transferred</source>
        <translation>Objet du transfert</translation>
    </message>
    <message>
        <source>Shows only the transfers whose text contains this</source>
        <translation>N’affiche que les transferts dont le texte contient ceci</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Shows only the transfers dated on or after this day (YYYY-MM-DD)</source>
        <translation>N’affiche que les transferts datés de ce jour ou après (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu’au</translation>
    </message>
    <message>
        <source>Shows only the transfers dated on or before this day (YYYY-MM-DD)</source>
        <translation>N’affiche que les transferts datés de ce jour ou avant (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>Removes every filter of the workspace</source>
        <translation>Retire tous les filtres de l’espace de travail</translation>
    </message>
    <message>
        <source>Filter transfers</source>
        <translation>Filtrer les transferts</translation>
    </message>
    <message>
        <source>Shows only the transfers whose supplier, recipient, what or document match</source>
        <translation>N’affiche que les transferts dont le fournisseur, le destinataire, l’objet ou le document correspondent</translation>
    </message>
    <message>
        <source>Saves the transfers shown as a CSV file</source>
        <translation>Enregistre les transferts affichés dans un fichier CSV</translation>
    </message>
    <message>
        <source>Saves the transfers shown as a JSONL file</source>
        <translation>Enregistre les transferts affichés dans un fichier JSONL</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Who supplies what to whom, one row per transfer; Enter opens its sentence</source>
        <translation>Qui fournit quoi à qui, une ligne par transfert&#xa0;; Entrée ouvre sa phrase</translation>
    </message>
    <message>
        <source>Timeline bars</source>
        <translation>Barres de la chronologie</translation>
    </message>
    <message>
        <source>What the timeline&apos;s bars are stacked by</source>
        <translation>Ce selon quoi les barres de la chronologie sont empilées</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Transfers per month; arrow keys choose a month, Enter filters on it</source>
        <translation>Transferts par mois&#xa0;; les flèches choisissent un mois, Entrée filtre sur celui-ci</translation>
    </message>
    <message>
        <source>Transfers between the chosen actors</source>
        <translation>Transferts entre les acteurs choisis</translation>
    </message>
    <message>
        <source>Names of the chosen actor</source>
        <translation>Noms de l’acteur choisi</translation>
    </message>
    <message>
        <source>The names under which the chosen actor appears</source>
        <translation>Les noms sous lesquels l’acteur choisi apparaît</translation>
    </message>
    <message>
        <source>Transfers map</source>
        <translation>Carte des transferts</translation>
    </message>
    <message>
        <source>Actors as nodes and transfers as arrows; Tab moves between actors</source>
        <translation>Les acteurs en nœuds et les transferts en flèches&#xa0;; Tab passe d’un acteur à l’autre</translation>
    </message>
    <message>
        <source>Goes back to the reader</source>
        <translation>Revient au lecteur</translation>
    </message>
    <message>
        <source>Saves the map or the timeline as a file</source>
        <translation>Enregistre la carte ou la chronologie dans un fichier</translation>
    </message>
    <message>
        <source>Spans per label</source>
        <translation>Segments par catégorie</translation>
    </message>
    <message>
        <source>Bar chart of the number of spans of each label</source>
        <translation>Histogramme du nombre de segments de chaque catégorie</translation>
    </message>
    <message>
        <source>Spans per annotator</source>
        <translation>Segments par annotateur</translation>
    </message>
    <message>
        <source>Bar chart of the number of spans of each annotator</source>
        <translation>Histogramme du nombre de segments de chaque annotateur</translation>
    </message>
    <message>
        <source>Spans per document</source>
        <translation>Segments par document</translation>
    </message>
    <message>
        <source>Bar chart of the number of spans of each document</source>
        <translation>Histogramme du nombre de segments de chaque document</translation>
    </message>
    <message>
        <source>Annotators to compare</source>
        <translation>Annotateurs à comparer</translation>
    </message>
    <message>
        <source>Check the annotators whose spans are compared</source>
        <translation>Cochez les annotateurs dont les segments sont comparés</translation>
    </message>
    <message>
        <source>Labels to compare</source>
        <translation>Catégories à comparer</translation>
    </message>
    <message>
        <source>Check the labels the agreement is computed on</source>
        <translation>Cochez les catégories sur lesquelles l’accord est calculé</translation>
    </message>
    <message>
        <source>Compares only the document in the reader</source>
        <translation>Ne compare que le document ouvert dans le lecteur</translation>
    </message>
    <message>
        <source>Computes the agreement between the chosen annotators</source>
        <translation>Calcule l’accord entre les annotateurs choisis</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Désaccords</translation>
    </message>
    <message>
        <source>Where the annotators differ; Enter shows the passage</source>
        <translation>Là où les annotateurs divergent&#xa0;; Entrée montre le passage</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord</translation>
    </message>
    <message>
        <source>F1, kappa and alpha overall and per label</source>
        <translation>F1, kappa et alpha, global et par catégorie</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>The label whose examples are listed</source>
        <translation>La catégorie dont les exemples sont listés</translation>
    </message>
    <message>
        <source>Lists only the examples of this annotator</source>
        <translation>Ne liste que les exemples de cet annotateur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Lists only the examples with this status</source>
        <translation>Ne liste que les exemples ayant ce statut</translation>
    </message>
    <message>
        <source>Saves the examples as a printable handout</source>
        <translation>Enregistre les exemples dans un document imprimable</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>Each example in its context; Enter shows it in the reader</source>
        <translation>Chaque exemple dans son contexte&#xa0;; Entrée le montre dans le lecteur</translation>
    </message>
    <message>
        <source>Reviews only this label</source>
        <translation>Ne relit que cette catégorie</translation>
    </message>
    <message>
        <source>Reviews only the spans of this annotator</source>
        <translation>Ne relit que les segments de cet annotateur</translation>
    </message>
    <message>
        <source>Reviews only the spans with this status</source>
        <translation>Ne relit que les segments ayant ce statut</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>État de relecture</translation>
    </message>
    <message>
        <source>Lists only the spans in this review state</source>
        <translation>Ne liste que les segments dans cet état de relecture</translation>
    </message>
    <message>
        <source>Spans to review</source>
        <translation>Segments à relire</translation>
    </message>
    <message>
        <source>A for approve, R for reject, C to correct, M to comment</source>
        <translation>A pour approuver, R pour rejeter, C pour corriger, M pour commenter</translation>
    </message>
    <message>
        <source>Approves the chosen span</source>
        <translation>Approuve le segment choisi</translation>
    </message>
    <message>
        <source>Rejects the chosen span</source>
        <translation>Rejette le segment choisi</translation>
    </message>
    <message>
        <source>Corrects the chosen span in the reader</source>
        <translation>Corrige le segment choisi dans le lecteur</translation>
    </message>
    <message>
        <source>Writes a review comment on the chosen span</source>
        <translation>Écrit un commentaire de relecture sur le segment choisi</translation>
    </message>
    <message>
        <source>Names of the entity</source>
        <translation>Noms de l’entité</translation>
    </message>
    <message>
        <source>The names under which the chosen entity appears</source>
        <translation>Les noms sous lesquels l’entité choisie apparaît</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Where the chosen entity is mentioned; Enter shows the passage</source>
        <translation>Là où l’entité choisie est mentionnée&#xa0;; Entrée montre le passage</translation>
    </message>
    <message>
        <source>Filter entities</source>
        <translation>Filtrer les entités</translation>
    </message>
    <message>
        <source>Shows only the entities whose name contains this text</source>
        <translation>N’affiche que les entités dont le nom contient ce texte</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>The actors of the project, one entry per entity</source>
        <translation>Les acteurs du projet, une entrée par entité</translation>
    </message>
    <message>
        <source>Links the selected span to another span</source>
        <translation>Lie le segment sélectionné à un autre segment</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>The links of the selected span; Enter shows the other span</source>
        <translation>Les liens du segment sélectionné&#xa0;; Entrée montre l’autre segment</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Deletes the chosen link</source>
        <translation>Supprime le lien choisi</translation>
    </message>
    <message>
        <source>The annotator name your new spans carry</source>
        <translation>Le nom d’annotateur que portent vos nouveaux segments</translation>
    </message>
    <message>
        <source>Selections grow to whole words before they are tagged</source>
        <translation>Les sélections s’étendent aux mots entiers avant d’être annotées</translation>
    </message>
    <message>
        <source>The spaCy model that proposes named entities</source>
        <translation>Le modèle spaCy qui propose les entités nommées</translation>
    </message>
    <message>
        <source>The language of the menus and dialogs</source>
        <translation>La langue des menus et des boîtes de dialogue</translation>
    </message>
    <message>
        <source>The document&apos;s title as the lists show it</source>
        <translation>Le titre du document, tel que les listes l’affichent</translation>
    </message>
    <message>
        <source>Who wrote the document</source>
        <translation>Qui a écrit le document</translation>
    </message>
    <message>
        <source>When it was published, as YYYY-MM-DD</source>
        <translation>Sa date de publication, au format AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>The publication or outlet</source>
        <translation>La publication ou le média</translation>
    </message>
    <message>
        <source>Where the document can be found on the web</source>
        <translation>Où trouver le document sur le Web</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>The file format the annotations are written in</source>
        <translation>Le format de fichier dans lequel les annotations sont écrites</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>The file (or, for brat, the folder) to write</source>
        <translation>Le fichier (ou, pour brat, le dossier) à écrire</translation>
    </message>
    <message>
        <source>Chooses where to write the export</source>
        <translation>Choisit où écrire l’export</translation>
    </message>
    <message>
        <source>Exports the suggestions not yet accepted</source>
        <translation>Exporte les suggestions pas encore acceptées</translation>
    </message>
    <message>
        <source>Exports the accepted annotations</source>
        <translation>Exporte les annotations acceptées</translation>
    </message>
    <message>
        <source>Exports the rejected suggestions</source>
        <translation>Exporte les suggestions rejetées</translation>
    </message>
    <message>
        <source>Exports only the spans of the checked annotators</source>
        <translation>N’exporte que les segments des annotateurs cochés</translation>
    </message>
    <message>
        <source>Exports only the spans of the checked labels</source>
        <translation>N’exporte que les segments des catégories cochées</translation>
    </message>
    <message>
        <source>Exports only the checked documents</source>
        <translation>N’exporte que les documents cochés</translation>
    </message>
    <message>
        <source>Exports only the document in the reader</source>
        <translation>N’exporte que le document ouvert dans le lecteur</translation>
    </message>
    <message>
        <source>Writes the export</source>
        <translation>Écrit l’export</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Filtrer les raccourcis</translation>
    </message>
    <message>
        <source>Shows only the shortcuts whose keys or action contain this text</source>
        <translation>N’affiche que les raccourcis dont les touches ou l’action contiennent ce texte</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>The keys of the window and what they do</source>
        <translation>Les touches de la fenêtre et ce qu’elles font</translation>
    </message>
    <message>
        <source>Filter spans</source>
        <translation>Filtrer les segments</translation>
    </message>
    <message>
        <source>Type to narrow the list; Enter links to the chosen span</source>
        <translation>Tapez pour restreindre la liste&#xa0;; Entrée lie au segment choisi</translation>
    </message>
    <message>
        <source>Spans to link to</source>
        <translation>Segments à lier</translation>
    </message>
    <message>
        <source>The spans the selected one can be linked to, then the link&apos;s roles</source>
        <translation>Les segments auxquels le segment sélectionné peut être lié, puis les rôles du lien</translation>
    </message>
    <message>
        <source>Entity name</source>
        <translation>Nom de l’entité</translation>
    </message>
    <message>
        <source>Type a name to filter the entities or to create one</source>
        <translation>Tapez un nom pour filtrer les entités ou en créer une</translation>
    </message>
    <message>
        <source>Enter gives the selected span the chosen entity</source>
        <translation>Entrée attribue l’entité choisie au segment sélectionné</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>The views of the project: review, agreement, examples, statistics…</source>
        <translation>Les vues du projet&#xa0;: relecture, accord, exemples, statistiques…</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Tout sélectionner</translation>
    </message>
    <message>
        <source>Selects every row of the table</source>
        <translation>Sélectionne toutes les lignes du tableau</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Plus d’outils</translation>
    </message>
    <message>
        <source>Shows the tools that do not fit in the tool bar</source>
        <translation>Affiche les outils qui ne tiennent pas dans la barre d’outils</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Plus de menus</translation>
    </message>
    <message>
        <source>Shows the menus that do not fit in the menu bar</source>
        <translation>Affiche les menus qui ne tiennent pas dans la barre de menus</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Défiler à gauche</translation>
    </message>
    <message>
        <source>Shows the tabs further left</source>
        <translation>Affiche les onglets plus à gauche</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Défiler à droite</translation>
    </message>
    <message>
        <source>Shows the tabs further right</source>
        <translation>Affiche les onglets plus à droite</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>En-têtes de colonnes</translation>
    </message>
    <message>
        <source>Click a column header to sort the rows by that column</source>
        <translation>Cliquez sur un en-tête pour trier les lignes selon cette colonne</translation>
    </message>
    <message>
        <source>Row headers</source>
        <translation>En-têtes de lignes</translation>
    </message>
    <message>
        <source>Click a row header to select the row</source>
        <translation>Cliquez sur un en-tête de ligne pour la sélectionner</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clears the text of the field</source>
        <translation>Efface le texte du champ</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Choix</translation>
    </message>
    <message>
        <source>The choices of the list</source>
        <translation>Les choix de la liste</translation>
    </message>
    <message>
        <source>Type to choose</source>
        <translation>Tapez pour choisir</translation>
    </message>
    <message>
        <source>Closes the dialog without changing anything</source>
        <translation>Ferme la boîte de dialogue sans rien changer</translation>
    </message>
    <message>
        <source>Confirms and closes the dialog</source>
        <translation>Confirme et ferme la boîte de dialogue</translation>
    </message>
    <message>
        <source>Tabs</source>
        <translation>Onglets</translation>
    </message>
    <message>
        <source>Ctrl+Tab moves to the next tab</source>
        <translation>Ctrl+Tab passe à l’onglet suivant</translation>
    </message>
    <message>
        <source>suggested %1: “%2”</source>
        <translation>%1 suggéré&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
</context>
</TS>
