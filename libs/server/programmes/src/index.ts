export * from './dto/programme-overview.dto';
export * from './dto/programme-person.dto';
export * from './dto/programme.dto';
export * from './programmes-http.module';
export * from './programmes.module';
export * from './programmes.service';
