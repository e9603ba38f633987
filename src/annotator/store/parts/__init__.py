"""The parts of ``Project``, one per table or concern, composed into the one ``Project`` façade."""
